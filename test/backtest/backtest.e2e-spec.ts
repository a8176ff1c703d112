import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '@vpp/testing';
import { Decimal } from '@vpp/units';
import { BACKTEST_KEYS, type BacktestSummary } from '../../scripts/backtest/main';
import { DAYS_CSV_HEADER } from '../../scripts/backtest/kpis';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '../..');
const MONEY = /^-?\d+\.\d{2}$/;
const CENT = new Decimal('0.01');

/** One run per command line: the stated run compares itself with the forecast one on the same days. */
const runs = new Map<string, Promise<{ stdout: string; out: string }>>();

/** Runs the real `npm run backtest` entry point as a user would; returns stdout and the output directory. */
async function backtest(args: string[]): Promise<{ stdout: string; out: string }> {
  const key = args.join(' ');
  let running = runs.get(key);
  if (running === undefined) {
    running = runBacktest(args);
    runs.set(key, running);
  }
  return running;
}

async function runBacktest(args: string[]): Promise<{ stdout: string; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'vpp-backtest-'));
  const { stdout } = await run(join(REPO_ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', '-r', 'tsconfig-paths/register', 'scripts/backtest.ts', '--out', out, ...args], {
    cwd: REPO_ROOT,
    env: childProcessEnv({ DATA_DIR: join(REPO_ROOT, '../shared/data'), LOG_LEVEL: 'error' }),
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { stdout, out };
}

const DAYS = ['--from', '2019-06-03', '--to', '2019-06-04', '--evs', '30'];
const FORECAST = [...DAYS, '--departure', 'forecast'];

describe('npm run backtest: many delivery days through the production code path', () => {
  it('runs two ElaadNL days with 30 EVs a day, writes days.csv, the chart and backtest.json, and the figures agree', async () => {
    // 30 EVs a day is more than the file holds on these days: the demo's rule moves same-weekday sessions onto them.
    const { stdout, out } = await backtest(FORECAST);
    const summary = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8')) as BacktestSummary;
    expect(Object.keys(summary)).toEqual(BACKTEST_KEYS);
    expect([summary.from, summary.to, summary.departure_rule, summary.days, summary.sessions]).toEqual(['2019-06-03', '2019-06-04', 'forecast', 2, 60]);
    // Planned on the forecast's expected departure, some drivers leave before it.
    expect(summary.sessions_left_early).toBeGreaterThan(0);
    expect(summary.sessions_feasible).toBeLessThanOrEqual(summary.sessions);
    expect(summary.sessions_need_met).toBeLessThanOrEqual(summary.sessions_feasible);
    expect(summary.sessions_need_met).toBeGreaterThan(0);
    // The mobility promise: every feasible session that stayed until the departure planned on got its need.
    expect(summary.sessions_promised).toBeGreaterThan(0);
    expect(summary.sessions_promised_need_met).toBe(summary.sessions_promised);
    for (const money of [summary.uncontrolled_cost_eur, summary.optimised_cost_eur, summary.perfect_foresight_cost_eur]) expect(money).toMatch(MONEY);
    expect(summary.revenue_eur['day-ahead']).toMatch(MONEY);
    // Markets not valued are null with the reason, never a made-up figure.
    expect([summary.revenue_eur.fcr, summary.revenue_eur.afrr]).toEqual([null, null]);
    expect(summary.revenue_not_valued.fcr).toContain('ASSUMED capacity price');
    expect(summary.derived_inputs.some((input) => input.startsWith('sessions DERIVED'))).toBe(true);
    expect(summary.derived_inputs.some((input) => input.startsWith('energy need ASSUMED declared'))).toBe(true);

    // value_captured = (U - O) / (U - PF) of the printed costs, up to their rounding to cents.
    const u = new Decimal(summary.uncontrolled_cost_eur);
    const o = new Decimal(summary.optimised_cost_eur);
    const pf = new Decimal(summary.perfect_foresight_cost_eur);
    expect(pf.lessThanOrEqualTo(o.plus(CENT))).toBe(true);
    expect(pf.lessThanOrEqualTo(u.plus(CENT))).toBe(true);
    expect(u.minus(pf).greaterThan(CENT.times(10))).toBe(true);
    expect(summary.value_captured).toMatch(/^-?\d+\.\d{4}$/);
    const fromStrings = u.minus(o).dividedBy(u.minus(pf));
    const rounding = CENT.times(3).dividedBy(u.minus(pf).minus(CENT.times(2))).times(fromStrings.abs().plus(1));
    expect(new Decimal(summary.value_captured ?? 'NaN').minus(fromStrings).abs().lessThanOrEqualTo(rounding.plus('0.00005'))).toBe(true);
    // The settlement's day-ahead saving is U minus the energy actually bought; the optimised cost adds the undelivered energy's value on top.
    expect(new Decimal(summary.revenue_eur['day-ahead'] ?? 'NaN').greaterThanOrEqualTo(u.minus(o).minus(CENT))).toBe(true);

    // days.csv: one line per day; its days add up to the totals (to the cent per day).
    const [header, ...lines] = readFileSync(join(out, 'days.csv'), 'utf8').trim().split('\n');
    expect(header.split(',')).toEqual([...DAYS_CSV_HEADER]);
    expect(lines.map((line) => line.split(',')[0])).toEqual(['2019-06-03', '2019-06-04']);
    const column = (name: string): string[] => lines.map((line) => line.split(',')[DAYS_CSV_HEADER.indexOf(name as (typeof DAYS_CSV_HEADER)[number])]);
    expect(column('sessions')).toEqual(['30', '30']);
    const sum = (name: string): Decimal => column(name).reduce((s, cell) => s.plus(cell), new Decimal(0));
    expect(sum('sessions_need_met').equals(summary.sessions_need_met)).toBe(true);
    for (const [name, total] of [['uncontrolled_cost_eur', u], ['optimised_cost_eur', o], ['perfect_foresight_cost_eur', pf]] as const) {
      expect(sum(name).minus(total).abs().lessThanOrEqualTo(CENT.times(lines.length))).toBe(true);
    }

    // The chart: one bar pair per day.
    const svg = readFileSync(join(out, 'value-captured.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect [^>]*><title>2019-06-0[34] /g)).toHaveLength(4);
    expect(stdout).toContain(`value captured      ${summary.value_captured}`);
    expect(existsSync(join(out, 'inputs'))).toBe(true);
  }, 600_000);

  it('by default plans on the plug-out time each driver states at plug-in, as the demo: nobody leaves early and every feasible need is met', async () => {
    const { stdout, out } = await backtest(DAYS);
    const summary = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8')) as BacktestSummary;
    expect(Object.keys(summary)).toEqual(BACKTEST_KEYS);
    expect(summary.departure_rule).toBe('stated');
    expect(stdout).toContain('departures stated');
    expect(summary.sessions_left_early).toBe(0);
    expect(summary.sessions_feasible).toBeGreaterThan(0);
    expect(summary.sessions_need_met).toBe(summary.sessions_feasible);
    expect([summary.sessions_promised, summary.sessions_promised_need_met]).toEqual([summary.sessions_feasible, summary.sessions_feasible]);
    expect(new Decimal(summary.undelivered_kwh).lessThanOrEqualTo(new Decimal(summary.sessions).times('0.01'))).toBe(true);
    const rule = summary.derived_inputs.filter((input) => input.includes('ASSUMED declared') || input.includes('ASSUMED stated'));
    expect(rule).toHaveLength(1);
    expect(rule[0]).toMatch(/^need and plug-out time ASSUMED stated by the driver at plug-in \(the energy the session drew, its plug-out time\), as in the demo/);

    // The same days and sessions as the forecast run: only what the planner knew of the departures differs.
    const forecast = JSON.parse(readFileSync(join((await backtest(FORECAST)).out, 'backtest.json'), 'utf8')) as BacktestSummary;
    expect([summary.sessions, summary.sessions_feasible, summary.uncontrolled_cost_eur, summary.perfect_foresight_cost_eur]).toEqual([
      forecast.sessions,
      forecast.sessions_feasible,
      forecast.uncontrolled_cost_eur,
      forecast.perfect_foresight_cost_eur,
    ]);
    expect(forecast.sessions_left_early).toBeGreaterThan(0);
    expect(forecast.sessions_need_met).toBeLessThan(summary.sessions_need_met);
  }, 600_000);
});
