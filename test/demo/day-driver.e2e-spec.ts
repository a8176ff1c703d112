import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { ImportedSession } from '@vpp/fleet';
import { loadConfig } from '@vpp/config';
import { freshDatabase } from '@vpp/testing';
import { DeliveryDay, EnergyKwh, parseDecimal, PowerKw } from '@vpp/units';
import type { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { onboardCpos } from '../../scripts/demo/cpo-stage';
import { CpoPlugIns } from '../../scripts/demo/cpo-plug-ins';
import { driveDay, type DayOutcome } from '../../scripts/demo/day-driver';
import { dayMarketData } from '../../scripts/demo/derived-market-data';
import { dayPrices } from '../../scripts/demo/derived-prices';
import { SimulatedDepot } from '../../scripts/demo/depot-stage';
import { callApi } from '../../scripts/demo/http-client';
import { startPlatform, type RunningPlatform } from '../../scripts/demo/platform';
import { poolCpoSites } from '../../scripts/demo/pool-live-sessions';
import { buildPortfolio } from '../../scripts/demo/portfolio';
import { Progress } from '../../scripts/demo/progress';
import { seedParties } from '../../scripts/demo/seed-parties';
import { SimulatedClock } from '../../scripts/demo/sim-clock';
import { deriveAfrrSetpoints } from '../../apps/simulator/src/tso/afrr-from-frequency';
import { readFrequencyRecording } from '../../apps/simulator/src/tso/frequency-recording';

jest.setTimeout(900_000);

// Its own database: the platform app it boots runs relays and workers on it.
const DATABASE = 'vpp_test_demo_day_driver';
const DAY = DeliveryDay.of('2023-06-14');
const at = (hhmm: string): Date => new Date(`2023-06-14T${hhmm}:00.000Z`);

function session(n: number, arrival: string, departure: string): ImportedSession {
  return {
    sessionId: `dd-${n}`, siteId: `demo-site-${String(n).padStart(2, '0')}`, evseId: `dd-evse-${n}`, vehicleId: null,
    arrival: at(arrival), departure: at(departure), energy: EnergyKwh.fromString('30'), maxPower: PowerKw.fromString('11'),
  };
}

/**
 * The demo's day driver on a short span of a real delivery day, against the whole platform app as
 * the demo boots it: CPOs over OCPI, a depot of OCPP 2.1 stations, aFRR and FCR capacity held as a
 * manual trade over the ledger API, and the simulated TSO feeding derived setpoints and the PMU
 * frequency over the dispatcher's WebSocket, all in simulated time.
 */
describe('demo day driver: dispatch over a span of the day in simulated time', () => {
  let platform: RunningPlatform;
  let cpos: SimulatedCpo[] = [];
  let depot: SimulatedDepot | null = null;
  let outcome: DayOutcome;
  let portfolioId: string;
  let plugIns: CpoPlugIns;
  const seenAt: Record<string, { sessions: number; withNeeds: number }> = {};

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    const base = loadConfig({ LOG_LEVEL: 'silent' });
    const clock = new SimulatedClock(DAY.start);
    const prices = dayPrices(DAY, base.dataDir, mkdtempSync(join(tmpdir(), 'vpp-day-driver-')), null);
    platform = await startPlatform({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', TELEMETRY_RETENTION_MONTHS: '120' }, prices, dayMarketData(base.dataDir, DAY), clock, 40);
    const parties = await seedParties(platform.dataSource, platform.baseUrl, 30);
    const portfolio = await buildPortfolio(platform.baseUrl, parties, 40);
    portfolioId = portfolio.portfolioId;
    const sessions = [session(1, '08:30', '15:00'), session(2, '08:40', '16:00'), session(3, '08:50', '17:00'), session(4, '08:55', '14:00'), session(5, '09:10', '16:30'), session(6, '09:20', '15:30')];
    // CPO cars plugging in during the span: on a cycle's instant (09:40), between cycles (09:41, 09:44),
    // and one that leaves again before the next cycle pushes it (09:46-09:48).
    const cpoSessions = [...sessions.slice(0, 4), session(7, '09:40', '15:00'), session(8, '09:41', '16:00'), session(9, '09:44', '17:00'), session(10, '09:46', '09:48')];
    cpos = (await onboardCpos(platform.baseUrl, platform.dataSource, parties.operator, parties.cpos, { history: [], day: cpoSessions }, DAY.start, () => clock.now())).cpoObjects;
    await poolCpoSites(platform.baseUrl, platform.dataSource, parties, portfolioId);
    plugIns = new CpoPlugIns({ baseUrl: platform.baseUrl, dataSource: platform.dataSource, operator: parties.operator, portfolioId, day: DAY, cpos, sessions: cpoSessions });
    depot = await SimulatedDepot.start(platform.baseUrl, parties.fleetOwners[0], parties.operator, portfolioId, sessions.slice(4), DAY.start);
    // What an event of the day finds: the CPO sessions live on the platform, and those with their driver's need.
    const look = (hhmm: string) => ({
      name: `look ${hhmm}`,
      at: at(hhmm),
      run: async () => {
        const rows: { sessions: number; with_needs: number }[] = await platform.dataSource.query(
          `SELECT count(*)::int AS sessions, count(mn.session_id)::int AS with_needs FROM ocpi_sessions os JOIN sessions s ON s.id = os.fleet_session_id
             LEFT JOIN mobility_needs mn ON mn.session_id = s.id WHERE NOT s.historical`,
        );
        seenAt[hhmm] = { sessions: rows[0].sessions, withNeeds: rows[0].with_needs };
      },
    });

    // aFRR up and down and FCR held 10:00-12:00, as a manual trade over the ledger API (what an award leaves in the ledger).
    const operator = { key: parties.operator.key };
    const isps = Array.from({ length: 8 }, (_, k) => new Date(at('10:00').getTime() + k * 900_000).toISOString());
    await callApi(platform.baseUrl, 'PUT', `/v1/portfolios/${portfolioId}/ledger/availability`, operator, {
      cells: isps.flatMap((ispStart) => [{ ispStart, direction: 'up', availableKw: '60' }, { ispStart, direction: 'down', availableKw: '60' }]),
    }, [200]);
    for (const [product, kw] of [['afrr_up', '20'], ['afrr_down', '20'], ['fcr', '10']] as const) {
      await callApi(platform.baseUrl, 'POST', `/v1/portfolios/${portfolioId}/reservations`, operator, {
        product, reference: `day-driver test ${product}`, idempotencyKey: `day-driver-${product}`, isps: isps.map((ispStart) => ({ ispStart, kw })),
      }, [201]);
    }

    outcome = await driveDay({
      app: platform.app, dataSource: platform.dataSource, portfolioId, clock, progress: new Progress(clock), dataDir: base.dataDir,
      from: at('09:00'), to: at('11:00'), preferredWindowStart: at('09:00'), cpos, depot, plugIns, events: [look('09:30'), look('09:40'), look('09:42')], windowMs: 900_000,
    });
  });

  afterAll(async () => {
    await depot?.close();
    await Promise.all(cpos.map((cpo) => cpo.stop()));
    await platform?.close();
  });

  it('each CPO pushes a session as its car plugs in, its driver states the need right after, before any event at that instant', async () => {
    // The four cars that arrived before the span were pushed at its first cycle; each later one by an event at (or after) its arrival.
    expect(seenAt).toEqual({ '09:30': { sessions: 4, withNeeds: 4 }, '09:40': { sessions: 5, withNeeds: 5 }, '09:42': { sessions: 6, withNeeds: 6 } });
    // The car of 09:46-09:48 had left when the 09:50 cycle pushed it: pushed, no need stated (a departure in the past).
    expect(plugIns.counts()).toMatchObject({ sessionsPushed: 8, needsStated: 7, unmatched: 0, departedBeforeStated: 1, notYetArrived: 0, maxPushDelayS: 1800 });
    const stored = await plugIns.outcome();
    expect(Object.values(stored.sessionsStored).reduce((a, b) => a + b, 0)).toBe(8);
    // Each session starts at its car's arrival, not at its push.
    const starts: { start_date_time: Date }[] = await platform.dataSource.query('SELECT start_date_time FROM ocpi_sessions ORDER BY start_date_time');
    expect(starts.map((r) => r.start_date_time.toISOString().slice(11, 16))).toEqual(['08:30', '08:40', '08:50', '08:55', '09:40', '09:41', '09:44', '09:46']);
  });

  it('samples the first hour with aFRR held at 4 s and the rest of the span at 5 minutes', () => {
    expect(outcome.window.from).toBe('2023-06-14T10:00:00.000Z');
    expect(outcome.window.to).toBe('2023-06-14T10:15:00.000Z');
    const { coarse, fine } = outcome.resolution;
    // 09:00-10:00 and 10:15-11:00 every 5 minutes; 10:00-10:15 every 4 s. (A cycle after a long wall-clock
    // pause may stand by once: the lease's Redis TTL runs on the wall clock, as a paused holder's would.)
    expect([coarse.stepS, coarse.cycles, fine.stepS, fine.cycles]).toEqual([300, 21, 4, 225]);
    expect(fine.activeCycles).toBeGreaterThan(0);
    expect(outcome.awardsMw).toEqual({ afrrUp: '0.020', afrrDown: '0.020', fcr: '0.010' });
  });

  it('the simulated TSO feeds one derived setpoint per 4-s cycle over the WebSocket, stamped and accepted in simulated time', async () => {
    expect(outcome.tso?.setpointsSent).toBe(225);
    const rows: { n: number; first: Date; last: Date; max: string }[] = await platform.dataSource.query(
      `SELECT count(*)::int AS n, min(issued_at) AS first, max(issued_at) AS last, max(abs(setpoint_mw))::text AS max
         FROM dispatch_setpoints WHERE portfolio_id = $1 AND transport = 'ws' AND outcome = 'accepted' AND received_at = issued_at`,
      [portfolioId],
    );
    expect(rows[0].n).toBe(225);
    expect([rows[0].first.toISOString(), rows[0].last.toISOString()]).toEqual(['2023-06-14T10:00:00.000Z', '2023-06-14T10:14:56.000Z']);
    // Clamped to the aFRR capacity held.
    expect(parseDecimal(rows[0].max).lte('0.020')).toBe(true);
    // FCR is held too: every PMU sample of the recording's first 225 slots went with them (the recording
    // has gaps), stamped at its age in the recording, so each was taken as fresh and in order.
    const samples = await readFrequencyRecording(join(loadConfig({}).dataDir, 'frequency-ce-pmu-2019-03-19-part1.csv'));
    const lastSlot = deriveAfrrSetpoints(samples, { capacityMw: 0.02 })[224];
    const expected = samples.filter((sample) => sample.atMs < lastSlot.recordedAtMs).length;
    expect(expected).toBeGreaterThan(225);
    expect(outcome.tso?.frequencySamplesSent).toBe(expected);
    expect(outcome.tso?.outcomes).toMatchObject({ 'frequency:accepted': expected, 'afrr-setpoint:accepted': 225 });
  });

  it('books aFRR tracking per ISP of the window and reports its error', async () => {
    const rows: { isp_start: Date }[] = await platform.dataSource.query(
      `SELECT isp_start FROM dispatch_tracking_isps WHERE portfolio_id = $1 AND activation = 'afrr' ORDER BY isp_start`,
      [portfolioId],
    );
    expect(rows.map((r) => r.isp_start.toISOString())).toContain('2023-06-14T10:00:00.000Z');
    expect(outcome.trackingErrorPct).toMatch(/^\d+\.\d{2}$/);
  });

  it('the depot stations plug in, meter in simulated time and receive the loop\'s OCPP commands', async () => {
    expect(outcome.depot).toMatchObject({ stations: 2, transactionsStarted: 2, transactionsEnded: 0 });
    const meter: { n: number; first: Date }[] = await platform.dataSource.query(
      `SELECT count(*)::int AS n, min(m.measured_at) AS first FROM meter_values m JOIN sessions s ON s.id = m.session_id WHERE s.control_channel = 'ocpp'`,
    );
    expect(meter[0].n).toBeGreaterThan(10);
    expect(meter[0].first.getTime()).toBeGreaterThanOrEqual(at('09:10').getTime());
    expect(Object.keys(outcome.commandsByChannel).some((key) => key.startsWith('ocpp:'))).toBe(true);
    expect(Object.keys(outcome.commandsByChannel).some((key) => key.startsWith('ocpi:'))).toBe(true);
    expect((outcome.depot as { profilesReceived: number }).profilesReceived).toBeGreaterThan(0);
  });
});
