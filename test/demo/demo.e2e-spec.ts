import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childProcessEnv } from '@vpp/testing';
import { Decimal } from '@vpp/units';
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
  expectSettled(summary);
  expect(summary.derived_inputs.some((input) => input.startsWith('FCR capacity price ASSUMED'))).toBe(true);
}

const sumOf = (amounts: Record<string, string>): string => Object.values(amounts).reduce((sum, a) => sum.plus(new Decimal(a)), new Decimal(0)).toFixed(2);

/** The settled day (issue 8: settlement, reports): the ledger reconciles, the parties got their reports, tenants stay apart. */
function expectSettled(summary: DemoSummary): void {
  expect([summary.stages.settlement.status, summary.stages.reports.status]).toEqual(['ran', 'ran']);
  expect(summary.reconciles).toBe(true);
  const revenue = summary.revenue_eur as Record<string, string>;
  const allocation = summary.allocation_eur as Record<string, string>;
  // The ledger total is the sum of the revenue lines per market, and the allocations sum to it exactly.
  expect(sumOf(revenue)).toBe(summary.ledger_total_eur);
  expect(sumOf(allocation)).toBe(summary.ledger_total_eur);
  expect(summary.optimised_cost_eur).toMatch(MONEY);
  expect(Number.isInteger(summary.sessions_need_met)).toBe(true);
  expect(Number.isInteger(summary.sessions_left_early)).toBe(true);
  for (const mwh of Object.values(summary.delivered_mwh ?? {})) expect(mwh).toMatch(/^-?\d+\.\d{3}$/);
  // Each fleet owner's report as JSON, CSV and PDF, the BRP's imbalance statement: files on disk.
  expect(summary.reports.filter((file) => /fleet-owner/.test(file)).length).toBeGreaterThanOrEqual(6);
  expect(summary.reports.some((file) => /imbalance-adjustments-\d{4}-\d{2}-\d{2}\.json$/.test(file))).toBe(true);
  for (const file of summary.reports) expect(existsSync(file)).toBe(true);
  const pdfs = summary.reports.filter((file) => file.endsWith('.pdf'));
  expect(pdfs.length).toBeGreaterThanOrEqual(2);
  for (const pdf of pdfs) expect(readFileSync(pdf).subarray(0, 4).toString('latin1')).toBe('%PDF');
  for (const json of summary.reports.filter((file) => /settlement-.*\.json$/.test(file))) {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { revenueTotalEur: string };
    expect(report.revenueTotalEur).toMatch(MONEY);
  }
  // Fleet owner A asked for fleet owner B's report and the other way round: 404 both times.
  const reportsStage = summary.stages.reports;
  const isolation = (reportsStage.status === 'ran' ? reportsStage.tenantIsolation : []) as { status: number }[];
  expect(isolation.length).toBeGreaterThanOrEqual(2);
  expect(isolation.map((probe) => probe.status)).toEqual(isolation.map(() => 404));
}

describe('npm run demo: the simulated market day', () => {
  it('runs the default day (a 2023 Wednesday, 2019 ElaadNL sessions moved onto it) end to end and writes the summary.json contract, with the derived sessions said', async () => {
    const { stdout, summary } = await demo([]);
    expectContract(summary);
    expect([summary.day, summary.isps]).toEqual(['2023-06-28', 96]);
    // Every market of the catalog has a product version on the default day: FCR, aFRR capacity and day-ahead gates were
    // prepared, and the real GOPACS event of the day (TenneT, 16:00-22:00Z) was answered under the product terms v2.0.
    const markets = summary.stages.markets as { status: string; productsWithoutVersion: Record<string, string>; preparations: Record<string, unknown> };
    expect(markets.productsWithoutVersion).toEqual({});
    expect(Object.keys(markets.preparations).map((key) => key.split('.')[1]).sort()).toEqual(['afrr-capacity-nl', 'fcr-nl', 'sdac-nl']);
    expect(summary.bids['day-ahead']).toBeGreaterThan(0);
    const congestion = summary.stages.congestion as { status: string; eventId: string };
    expect([congestion.status, congestion.eventId.startsWith('gopacs-2023-06-28-')]).toEqual(['ran', true]);
    expect(summary.derived_inputs.some((input) => input.startsWith('aFRR energy activation price DERIVED'))).toBe(true);
    // The DSO's FlexRequest went over signed UFTP XML and the platform answered it (an offer only where the ledger has room).
    expect(summary.stages.dso_flex_request).toMatchObject({ status: 'ran', transport: 'signed XML (UFTP 3.0 SignedMessage, Ed25519)', refusedBySignature: 0 });
    expect(summary.derived_inputs.some((input) => input.startsWith('sessions DERIVED'))).toBe(true);
    // The CPOs' live sessions are pooled (all but the 2 of the 60 that charge at the OCPP depot and the 2 OEM-connected cars) and the
    // re-plan, as known mid-day, sees the ones that arrived by then.
    const pooled = summary.stages.pool_live_sessions as { status: string; liveSessions: number };
    expect([pooled.status, pooled.liveSessions]).toEqual(['ran', 56]);
    // Each pushed at its plug-in over the day (at most one 5-minute step late), its driver's need stated right after.
    const pushed = summary.stages.cpos_ocpi as { status: string; sessionsPushed: number; sessionsStored: Record<string, number>; maxPushDelayS: number; notYetArrived: number };
    expect([pushed.status, pushed.sessionsPushed, pushed.notYetArrived]).toEqual(['ran', 56, 0]);
    expect(Object.values(pushed.sessionsStored).reduce((a, b) => a + b, 0)).toBe(56);
    expect(pushed.maxPushDelayS).toBeLessThanOrEqual(300);
    const needs = summary.stages.driver_needs as { status: string; stated: number; unmatched: number; departedBeforeStated: number };
    expect([needs.status, needs.stated + needs.departedBeforeStated, needs.unmatched]).toEqual(['ran', 56, 0]);
    const replan = summary.stages.replan as { status: string; liveSessions: number; knownAt: string };
    expect(replan.status).toBe('ran');
    expect(replan.liveSessions).toBeGreaterThan(0);
    expect(replan.liveSessions).toBeLessThanOrEqual(60);
    expect(replan.knownAt > '2023-06-27T22:00:00.000Z').toBe(true);
    // The production loop ticked through the whole day (every 5 minutes; every 4 s over a sampled hour), its commands
    // reached the CPOs over OCPI and the depot's stations over OCPP; with aFRR or FCR held, the TSO fed every 4-s cycle.
    const dispatch = summary.stages.dispatch as {
      status: string; resolution: Record<'coarse' | 'fine', { stepS: number; cycles: number }>; commandsByChannel: Record<string, number>; tso: { stored: Record<string, number> } | null;
    };
    const { coarse, fine } = dispatch.resolution;
    expect([dispatch.status, coarse.stepS, coarse.cycles, fine.stepS, fine.cycles]).toEqual(['ran', 300, 276, 4, 900]);
    expect(Object.keys(dispatch.commandsByChannel).some((key) => key.startsWith('ocpi:'))).toBe(true);
    expect(Object.keys(dispatch.commandsByChannel).some((key) => key.startsWith('ocpp:'))).toBe(true);
    expect(Object.keys(dispatch.commandsByChannel).some((key) => key.startsWith('oem:'))).toBe(true);
    expect(dispatch.tso === null ? null : dispatch.tso.stored['ws:accepted']).toBe(dispatch.tso === null ? null : 900);
    expect(summary.stages.ocpp_depot_oem).toMatchObject({ status: 'ran', ocppDepot: { stations: 2, transactionsStarted: 2 } });
    expect(summary.stages.meter_values.status).toBe('ran');
    // The 2 OEM-connected cars: linked over the API, their plug-in and unplug pushed by the simulated OEM cloud as signed
    // webhooks (each opened an oem session at its wallbox), polled into meter values; the cars applied the dispatcher's commands.
    const oem = (summary.stages.ocpp_depot_oem as { status: string; oem: { linked: number; webhookStatuses: Record<string, number>; commandsApplied: Record<string, number>; sessions: { sessionsOpened: number; withNeed: number } } }).oem;
    expect([oem.linked, oem.sessions.sessionsOpened, oem.sessions.withNeed]).toEqual([2, 2, 2]);
    expect(Object.keys(oem.webhookStatuses)).toEqual(['200']);
    expect(Object.values(oem.commandsApplied).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect((summary.stages.meter_values as { status: string; storedPerChannel: Record<string, number> }).storedPerChannel.oem).toBeGreaterThan(0);
    expect(stdout).toContain('ev-vpp demo: simulated market day 2023-06-28 (96 ISPs), 60 EVs');
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
