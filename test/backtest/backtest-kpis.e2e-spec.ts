// Pure pieces of `npm run backtest` (no services, no data files): KPI arithmetic, days.csv, the
// chart and the command line. Under test/ (the paths this script owns), so jest runs it in the
// integration project, whose pattern covers test/**/*.e2e-spec.ts.
import { Decimal, EnergyKwh, EnergyMwh, Money } from '@vpp/units';
import { valueCapturedSvg } from '../../scripts/backtest/chart';
import { DAYS_CSV_HEADER, daysCsv, totalsOf, valueCaptured, type DayKpis } from '../../scripts/backtest/kpis';
import { BacktestUsageError, backtestOptions } from '../../scripts/backtest/options';

const eur = (text: string): Money => Money.fromString(text, 'EUR');

function day(date: string, u: string, o: string, pf: string, revenue: string | null = '1.00'): DayKpis {
  return {
    date,
    isps: 96,
    sessions: 10,
    sessionsFeasible: 9,
    sessionsNeedMet: 8,
    sessionsLeftEarly: 3,
    sessionsPromised: 6,
    sessionsPromisedNeedMet: 6,
    energyKwh: EnergyKwh.fromString('100.0005'),
    undeliveredKwh: EnergyKwh.fromString('2'),
    uncontrolledCost: eur(u),
    optimisedCost: eur(o),
    perfectForesightCost: eur(pf),
    revenue: { 'day-ahead': revenue === null ? null : eur(revenue), fcr: null, afrr: null },
    positionMwh: EnergyMwh.fromString('0.1'),
    drawnInDayMwh: EnergyMwh.fromString('0.09'),
    imbalanceMwh: EnergyMwh.fromString('0.02'),
    replans: 5,
    wallMs: 1234,
  };
}

describe('backtest KPIs', () => {
  it('value captured is (U - O) / (U - PF), exact, and null when nothing could be saved', () => {
    expect(valueCaptured(eur('10'), eur('7'), eur('6'))?.toString()).toBe('0.75');
    expect(valueCaptured(eur('10'), eur('11'), eur('6'))?.toString()).toBe('-0.25');
    expect(valueCaptured(eur('10'), eur('6'), eur('6'))?.toString()).toBe('1');
    expect(valueCaptured(eur('10'), eur('10'), eur('10'))).toBeNull();
    expect(valueCaptured(eur('10'), eur('9'), eur('10.5'))).toBeNull();
  });

  it('totals are exact sums, and value captured is that of the sums, not a mean of the daily ratios', () => {
    const totals = totalsOf([day('2019-06-01', '10', '9', '8'), day('2019-06-02', '30', '20', '10')]);
    expect(totals.days).toBe(2);
    expect([totals.sessions, totals.sessionsFeasible, totals.sessionsNeedMet, totals.sessionsLeftEarly, totals.sessionsPromised, totals.sessionsPromisedNeedMet, totals.replans]).toEqual([20, 18, 16, 6, 12, 12, 10]);
    expect([totals.uncontrolledCost.toString(), totals.optimisedCost.toString(), totals.perfectForesightCost.toString()]).toEqual(['40', '29', '18']);
    // (40 - 29) / (40 - 18) = 0.5, where the mean of the days' 0.5 and 0.5 happens to agree; a skewed pair does not:
    expect(totals.valueCaptured?.toString()).toBe('0.5');
    const skewed = totalsOf([day('2019-06-01', '10', '9', '8'), day('2019-06-02', '100', '10', '10')]);
    expect(skewed.valueCaptured?.toString()).toBe(new Decimal(91).dividedBy(92).toString());
    expect(skewed.energyKwh.toString()).toBe('200.001');
    expect(skewed.revenue['day-ahead']?.toString()).toBe('2');
    expect([skewed.revenue.fcr, skewed.revenue.afrr]).toEqual([null, null]);
  });

  it('a market not valued on one day is not valued in the totals', () => {
    expect(totalsOf([day('2019-06-01', '10', '9', '8'), day('2019-06-02', '10', '9', '8', null)]).revenue['day-ahead']).toBeNull();
    expect(totalsOf([]).revenue['day-ahead']).toBeNull();
    expect(totalsOf([]).valueCaptured).toBeNull();
  });

  it('days.csv has one line per day with money to the cent and an empty cell where a figure is undefined', () => {
    const csv = daysCsv([day('2019-06-01', '10.005', '9.004', '8'), day('2019-06-02', '5', '5', '5')]);
    const [header, first, second] = csv.trim().split('\n');
    expect(header.split(',')).toEqual([...DAYS_CSV_HEADER]);
    const cell = (line: string, name: string): string => line.split(',')[DAYS_CSV_HEADER.indexOf(name as (typeof DAYS_CSV_HEADER)[number])];
    // Half-even to the cent, once.
    expect(cell(first, 'uncontrolled_cost_eur')).toBe('10.00');
    expect(cell(first, 'optimised_cost_eur')).toBe('9.00');
    expect(cell(first, 'saving_eur')).toBe('1.00');
    expect(cell(first, 'value_captured')).toBe('0.4993');
    expect(cell(first, 'energy_kwh')).toBe('100.000');
    expect(cell(first, 'revenue_fcr_eur')).toBe('');
    expect(cell(first, 'wall_s')).toBe('1.2');
    expect(cell(second, 'value_captured')).toBe('');
  });

  it('the chart draws a bar pair per day and states the period value captured', () => {
    const svg = valueCapturedSvg([day('2019-06-01', '10', '9', '8'), day('2019-06-02', '30', '35', '10')], 'test <chart>');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    expect(svg).toContain('test &lt;chart&gt;');
    expect(svg).toContain('value captured over the period: -0.1818');
    // A loss is drawn below the zero line: the bar of -5 EUR has a positive height too.
    expect(svg).toMatch(/<title>2019-06-02 platform: -5.00 EUR<\/title>/);
    expect(svg).not.toMatch(/height="-/);
  });
});

describe('backtest command line', () => {
  const parse = (args: string[]) => backtestOptions('/data', args);

  it('reads the range, the files, --evs and --out', () => {
    const options = parse(['--from', '2019-06-01', '--to', '2019-06-28', '--evs', '50', '--prices', 'p.csv', '--out', 'x']);
    expect([options.from.isoDate, options.to.isoDate, options.evs]).toEqual(['2019-06-01', '2019-06-28', 50]);
    expect(options.sessionsPath).toBe('/data/ev-sessions-elaadnl-2019-01-to-09.csv');
    expect(options.pricesPath).toMatch(/\/p\.csv$/);
    expect(options.outDir).toMatch(/\/x$/);
    expect(parse(['--from', '2019-06-01', '--to', '2019-06-01']).evs).toBeNull();
  });

  it('plans on the stated plug-out time unless --departure forecast asks for the forecast one', () => {
    expect(parse(['--from', '2019-06-01', '--to', '2019-06-01']).departureRule).toBe('stated');
    expect(parse(['--from', '2019-06-01', '--to', '2019-06-01', '--departure', 'stated']).departureRule).toBe('stated');
    expect(parse(['--from', '2019-06-01', '--to', '2019-06-01', '--departure', 'forecast']).departureRule).toBe('forecast');
  });

  it.each([
    [['--to', '2019-06-02'], '--from is required'],
    [['--from', '2019-06-02'], '--to is required'],
    [['--from', '2019-6-2', '--to', '2019-06-03'], 'must be YYYY-MM-DD'],
    [['--from', '2019-02-30', '--to', '2019-03-03'], '--from 2019-02-30'],
    [['--from', '2019-06-05', '--to', '2019-06-01'], 'is before --from'],
    [['--from', '2019-01-01', '--to', '2020-06-01'], 'at most 366 days'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--evs', '0'], '--evs must be'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--evs', '1.5'], '--evs must be'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--bogus', '1'], 'Unknown option'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--departure', 'declared'], '--departure must be stated or forecast, got declared'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--departure', 'Stated'], '--departure must be stated or forecast'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--departure', ''], '--departure must be stated or forecast'],
    [['--from', '2019-06-01', '--to', '2019-06-02', '--departure'], "argument missing"],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parse(args)).toThrow(BacktestUsageError);
    expect(() => parse(args)).toThrow(message);
  });
});
