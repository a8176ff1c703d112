import { Decimal, EnergyKwh, EnergyMwh, Money, PriceEurPerMwh } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { StatementSection } from '../settlement-vocabulary';
import { AGGREGATOR, CPO, DAY, FLEET_OWNER, SESSIONS, aContract, aSession, fourMarkets, isp, nlRules, statementInputs } from '../test-support/statement.fixture';
import { computeStatement } from './compute-statement';
import { statementInputsHash } from './inputs-hash';
import type { StatementLine } from './statement-line';

const rows = (lines: readonly StatementLine[], section: StatementSection): string[] =>
  lines.filter((line) => line.section === section).map((line) => `${line.stakeholder.role}:${line.kind} ${line.amount.toFixed(2, 4)}`);
const total = (lines: readonly StatementLine[], section: StatementSection): string =>
  Money.sum(
    lines.filter((line) => line.section === section).map((line) => line.amount),
    'EUR',
  ).toFixed(2, 4);

describe(computeStatement.name, () => {
  it('settles the small portfolio across the four markets, to the cent (hand-computed)', () => {
    const sut = computeStatement(statementInputs());
    // Revenue, exact -> running total rounded -> line:
    //   FCR     1 MW x 12.50 x 4 h                    =  50        ->  50      -> 50.00
    //           under-delivery -50 x (1 - 14/16)      =  -6.25     ->  43.75   -> -6.25
    //   aFRR    capacity up 1 MW x 8.20 x 4 h         =  32.80     ->  76.55   -> 32.80
    //           energy up 0.25 MWh x 120.51           =  30.1275   -> 106.68   -> 30.13
    //           energy down -(0.1 MWh x 45.10)        =  -4.51     -> 102.17   -> -4.51
    //   DA      (0.2 - 0) x 100                       =  20        -> 122.17   -> 20.00
    //           (0 - 0.2) x -10                       =   2        -> 124.17   ->  2.00
    //   IDCONS  counterparty 0.1 x 50                 =   5        -> 129.17   ->  5.00
    //           spread 0.1 x (80 - 50)                =   3        -> 132.17   ->  3.00
    //           penalty -(0.1 - 0.08) x 80            =  -1.60     -> 130.5675 -> 130.57 -> -1.60
    expect(rows(sut.lines, 'revenue')).toEqual([
      'aggregator:fcr-capacity 50.00',
      'aggregator:fcr-capacity-under-delivery -6.25',
      'aggregator:afrr-capacity-up 32.80',
      'aggregator:afrr-energy-up 30.13',
      'aggregator:afrr-energy-down -4.51',
      'aggregator:day-ahead-saving 20.00',
      'aggregator:day-ahead-saving 2.00',
      'aggregator:idcons-counterparty 5.00',
      'aggregator:idcons-spread 3.00',
      'aggregator:idcons-penalty -1.60',
    ]);
    expect(sut.netRevenue.toFixed(2, 4)).toBe('130.57');
    // Waterfall on 130.5675 (running rounding over steps 1-4):
    //   1. NL double taxation of 10 kWh discharged: 10 x 0.0916 = 0.916 -> 0.92
    //      battery wear 10 kWh x 0.05                             = 0.50 (1.416 -> 1.42)
    //   2. CPO fee 2 sessions x 0.50                              = 1.00 (2.416 -> 2.42)
    //   3. fixed fee 30 EUR/month x 1/30 month                    = 1.00 (3.416 -> 3.42)
    //   4. driver-1 10 h x 0.10 = 1.00 (4.42), driver-2 5 h x 0.10 = 0.50 (4.916 -> 4.92)
    //   5. 130.57 - 4.92 = 125.65 split 40:60 -> 50.26 / 75.39
    expect(rows(sut.lines, 'allocation')).toEqual([
      'fleet-owner:discharge-country-charges 0.92',
      'fleet-owner:battery-wear 0.50',
      'cpo:cpo-fee-per-session 1.00',
      'aggregator:fixed-fee-per-month 1.00',
      'driver:driver-reward-per-plugged-hour 1.00',
      'driver:driver-reward-per-plugged-hour 0.50',
      'aggregator:revenue-share 50.26',
      'fleet-owner:revenue-share 75.39',
    ]);
    expect(total(sut.lines, 'allocation')).toBe(total(sut.lines, 'revenue'));
    // Charges: NL energy tax on 60 kWh charged: 60 x -0.0916 = -5.496 -> -5.50; no grid fee, no
    // netting of the discharged 10 kWh (taxed twice), no feed-in compensation.
    expect(rows(sut.lines, 'charges')).toEqual(['fleet-owner:energy-tax -5.50']);
    expect(sut.shortfalls).toEqual([]);
  });

  it('labels every line that rests on an assumption, and only those', () => {
    const sut = computeStatement(statementInputs());
    const labelled = (kind: string): readonly string[] => sut.lines.find((line) => line.kind === kind)!.assumptions;
    expect(labelled('fcr-capacity')).toEqual([]);
    expect(labelled('idcons-penalty')).toEqual([expect.stringContaining('UNVERIFIED: IDCONS')]);
    expect(labelled('energy-tax')).toEqual(['UNVERIFIED: NL energyTaxEurPerKwh (rules from 2026-01-01; third-party source)']);
    expect(labelled('discharge-country-charges')).toEqual(expect.arrayContaining([expect.stringContaining('ASSUMED: NL dischargeTaxedTwice')]));
    // the revenue shares split revenue that used the assumed capacity and IDCONS rules
    expect(labelled('revenue-share')).toEqual(expect.arrayContaining([expect.stringContaining('IDCONS'), expect.stringContaining('capacity delivery share')]));
  });

  it('splits 100.00 EUR in three equal shares as 33.34 / 33.33 / 33.33 (largest remainder)', () => {
    const contract = aContract({}, ['a', 'b', 'c'].map((party) => ({ kind: 'revenue-share', payee: { role: 'oem', partyRef: party }, rate: new Decimal(1) })));
    // one MTU moved out of a 500 EUR/MWh price: 0.2 MWh x 500 = 100.00
    const deliveries = {
      dayAhead: [{ period: isp(1).range, boughtMwh: EnergyMwh.zero(), baselineMwh: EnergyMwh.fromString('0.2'), priceEurPerMwh: PriceEurPerMwh.of(500), basis: 'measured' as const }],
    };
    const sessions = [aSession({ dischargedKwh: EnergyKwh.zero() })];
    const sut = computeStatement(statementInputs({ contract, deliveries, sessions }));
    expect(rows(sut.lines, 'allocation')).toEqual(['oem:revenue-share 33.34', 'oem:revenue-share 33.33', 'oem:revenue-share 33.33']);
    expect(total(sut.lines, 'allocation')).toBe('100.00');
  });

  it('passes a loss to the share holders by share and pays no fees or rewards from it', () => {
    // IDCONS: sold 1 MWh at 100 (counterparty 100, spread 0), delivered nothing, penalty 1 x 150 = -150: net -50.00
    const deliveries = {
      idcons: {
        orders: [{ isp: isp(40), side: 'sell' as const, orderedMwh: EnergyMwh.of(1), deliveredMwh: EnergyMwh.zero(), orderPriceEurPerMwh: PriceEurPerMwh.of(100), counterOrderPriceEurPerMwh: PriceEurPerMwh.of(100), basis: 'measured' as const }],
        penaltyRule: { kind: 'per-mwh' as const, priceEurPerMwh: PriceEurPerMwh.of(150) },
      },
    };
    const sut = computeStatement(statementInputs({ deliveries }));
    expect(total(sut.lines, 'revenue')).toBe('-50.00');
    // -50.00 split 40:60 -> -20.00 / -30.00; wear, CPO, fixed fee and rewards unpaid
    expect(rows(sut.lines, 'allocation')).toEqual(['aggregator:revenue-share -20.00', 'fleet-owner:revenue-share -30.00']);
    expect(sut.shortfalls.map((s) => `${s.demand.kind} ${s.unpaid.toFixed(2, 4)}`)).toEqual([
      'discharge-country-charges 0.92',
      'battery-wear 0.50',
      'cpo-fee-per-session 1.00',
      'fixed-fee-per-month 1.00',
      'driver-reward-per-plugged-hour 1.00',
      'driver-reward-per-plugged-hour 0.50',
    ]);
  });

  it('pays a step that does not fit pro rata and nothing after it', () => {
    // revenue 2.00 (0.02 MWh x 100): step 1 wants 0.916 + 0.50 = 1.416 (paid), step 2 wants 1.00 but
    // 0.584 is left: 0.584 paid (-> 0.58), 0.416 unpaid; steps 3-4 unpaid, step 5 gets 0.00
    const deliveries = {
      dayAhead: [{ period: isp(1).range, boughtMwh: EnergyMwh.zero(), baselineMwh: EnergyMwh.fromString('0.02'), priceEurPerMwh: PriceEurPerMwh.of(100), basis: 'measured' as const }],
    };
    const sut = computeStatement(statementInputs({ deliveries }));
    expect(rows(sut.lines, 'allocation')).toEqual([
      'fleet-owner:discharge-country-charges 0.92',
      'fleet-owner:battery-wear 0.50',
      'cpo:cpo-fee-per-session 0.58',
      'aggregator:revenue-share 0.00',
      'fleet-owner:revenue-share 0.00',
    ]);
    expect(sut.shortfalls.map((s) => `${s.demand.kind} ${s.unpaid.toFixed(4, 4)}`)).toEqual([
      'cpo-fee-per-session 0.4160',
      'fixed-fee-per-month 1.0000',
      'driver-reward-per-plugged-hour 1.0000',
      'driver-reward-per-plugged-hour 0.5000',
    ]);
    expect(total(sut.lines, 'allocation')).toBe('2.00');
  });

  it('applies the country rules: NL energy tax on charged energy; netting when discharge is not taxed twice', () => {
    // taxed once: +10 kWh x 0.0916 = 0.916 -> +0.92 netting; no double-taxation compensation
    const sut = computeStatement(statementInputs({ countryRules: nlRules({ dischargeTaxedTwice: false }) }));
    expect(rows(sut.lines, 'charges')).toEqual(['fleet-owner:energy-tax -5.50', 'fleet-owner:discharge-netting 0.92']);
    expect(rows(sut.lines, 'allocation')[0]).toBe('fleet-owner:battery-wear 0.50');
    // DE: 60 kWh x (0.0205 + 0.11) = 1.23 + 6.60; discharge taxed twice: 10 x 0.1305 = 1.305 compensated
    const de = computeStatement(statementInputs({ countryRules: { ...nlRules(), country: 'DE', energyTaxEurPerKwh: new Decimal('0.0205'), gridFeeEurPerKwh: new Decimal('0.11') } }));
    expect(rows(de.lines, 'charges')).toEqual(['fleet-owner:energy-tax -1.23', 'fleet-owner:grid-fee -6.60']);
    expect(rows(de.lines, 'allocation')[0]).toBe('fleet-owner:discharge-country-charges 1.31');
  });

  it('refuses market periods outside the statement period and a contract not in force', () => {
    const late = fourMarkets();
    const outside = { ...late, dayAhead: [{ ...late.dayAhead![0], period: DAY.next().ispAt(1).range }] };
    expect(() => computeStatement(statementInputs({ deliveries: outside }))).toThrow(SettlementError);
    expect(() => computeStatement(statementInputs({ contract: aContract({ validFrom: DAY.end }) }))).toThrow(expect.objectContaining({ code: 'SETTLEMENT_CONTRACT_NOT_FOUND' }));
  });
});

describe(statementInputsHash.name, () => {
  it('is the same for equal inputs built apart and differs when one meter value changes', () => {
    const first = statementInputsHash(statementInputs());
    expect(statementInputsHash(statementInputs())).toBe(first);
    expect(statementInputsHash(statementInputs({ deliveries: fourMarkets('0.26') }))).not.toBe(first);
    expect(statementInputsHash(statementInputs({ sessions: [SESSIONS[0], aSession({ sessionId: 's2' })] }))).not.toBe(first);
  });

  it('does not depend on key order', () => {
    const inputs = statementInputs();
    const reordered = Object.fromEntries(Object.entries(inputs).reverse()) as unknown as typeof inputs;
    expect(statementInputsHash(reordered)).toBe(statementInputsHash(inputs));
  });
});

// Kept apart from the fixtures so the parties in the expectations read as names.
void [AGGREGATOR, CPO, FLEET_OWNER];
