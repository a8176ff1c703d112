import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '@vpp/testing';
import { SUMMARY_KEYS, type DemoSummary } from '../../scripts/demo/summary';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '../..');

// The demo drops and recreates its own database: a name of this test's own (never vpp_demo, a
// user's last run, nor vpp_test), so the relays and workers it boots take no other test's jobs.
const DATABASE = 'vpp_test_demo';
const MONEY = /^-?\d+\.\d{2}$/;

/** Runs the real `npm run demo` entry point as a user would, on a small fleet; returns stdout and summary.json. */
async function demo(args: string[]): Promise<{ stdout: string; summary: DemoSummary }> {
  const out = mkdtempSync(join(tmpdir(), 'vpp-demo-'));
  const { stdout } = await run(
    join(REPO_ROOT, 'node_modules/.bin/ts-node'),
    ['--transpile-only', '-r', 'tsconfig-paths/register', 'scripts/demo.ts', '--database', DATABASE, '--out', out, '--evs', '60', ...args],
    { cwd: REPO_ROOT, env: childProcessEnv({ DATA_DIR: join(REPO_ROOT, '../shared/data'), LOG_LEVEL: 'error' }), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return { stdout, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as DemoSummary };
}

/** The summary.json contract of issue 8 item 1, whatever the day. */
function expectContract(summary: DemoSummary): void {
  expect(Object.keys(summary)).toEqual(SUMMARY_KEYS);
  expect(summary.evs).toBe(60);
  expect(summary.sessions).toBe(60);
  expect(summary.sessions_feasible).toBeLessThanOrEqual(summary.sessions);
  expect(summary.energy_kwh).toMatch(/^\d+\.\d{3}$/);
  expect(summary.uncontrolled_cost_eur).toMatch(MONEY);
  for (const money of [summary.optimised_cost_eur, summary.ledger_total_eur]) if (money !== null) expect(money).toMatch(MONEY);
  for (const perKey of [summary.revenue_eur, summary.allocation_eur]) if (perKey !== null) for (const amount of Object.values(perKey)) expect(amount).toMatch(MONEY);
  for (const count of Object.values(summary.bids)) expect(Number.isInteger(count)).toBe(true);
  for (const mw of Object.values(summary.awards_mw)) expect(mw).toMatch(/^\d+\.\d{3}$/);
  // Every stage ran, or says why not; none failed.
  for (const [name, stage] of Object.entries(summary.stages)) {
    expect([name, stage.status]).not.toEqual([name, 'failed']);
    if (stage.status === 'not_run') expect(stage.reason.length).toBeGreaterThan(0);
  }
  expect(summary.stages.plan.status).toBe('ran');
  expect(summary.stages.markets.status).toBe('ran');
  // Figures of a stage that did not run are null, never made up; after settlement the ledger must reconcile.
  if (summary.stages.settlement.status === 'ran') expect(summary.reconciles).toBe(true);
  else expect([summary.reconciles, summary.ledger_total_eur, summary.allocation_eur]).toEqual([null, null, null]);
  expect(summary.derived_inputs.some((input) => input.startsWith('FCR capacity price ASSUMED'))).toBe(true);
}

describe('npm run demo: the simulated market day', () => {
  it('runs a 2019 ElaadNL day end to end and writes the summary.json contract, with the derived sessions said', async () => {
    const { stdout, summary } = await demo([]);
    expectContract(summary);
    expect([summary.day, summary.isps]).toEqual(['2019-06-12', 96]);
    expect(summary.derived_inputs.some((input) => input.startsWith('sessions DERIVED'))).toBe(true);
    // The CPOs' live sessions are pooled and the re-plan, as known mid-day, sees the ones that arrived by then.
    const pooled = summary.stages.pool_live_sessions as { status: string; liveSessions: number };
    expect([pooled.status, pooled.liveSessions]).toEqual(['ran', 60]);
    const replan = summary.stages.replan as { status: string; liveSessions: number; knownAt: string };
    expect(replan.status).toBe('ran');
    expect(replan.liveSessions).toBeGreaterThan(0);
    expect(replan.liveSessions).toBeLessThanOrEqual(60);
    expect(replan.knownAt > '2019-06-11T22:00:00.000Z').toBe(true);
    // The production loop ticked over the sampled hour and its commands reached the CPOs over OCPI.
    const dispatch = summary.stages.dispatch as { status: string; cycles: number; activeCycles: number; commandsByStatus: Record<string, number> };
    expect([dispatch.status, dispatch.cycles, dispatch.activeCycles]).toEqual(['ran', 900, 900]);
    expect(Object.values(dispatch.commandsByStatus).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(stdout).toContain('ev-vpp demo: simulated market day 2019-06-12 (96 ISPs), 60 EVs');
    expect(stdout).toMatch(/reconciles: /);
  }, 300_000);

  it('runs the spring DST day with 92 ISPs', async () => {
    const { summary } = await demo(['--day', '2019-03-31']);
    expectContract(summary);
    expect([summary.day, summary.isps]).toEqual(['2019-03-31', 92]);
  }, 300_000);

  it('runs the autumn DST day of 2023 with 100 ISPs, where FCR and aFRR gates exist too', async () => {
    const { summary } = await demo(['--day', '2023-10-29']);
    expectContract(summary);
    expect([summary.day, summary.isps]).toEqual(['2023-10-29', 100]);
  }, 300_000);
});
