import { randomUUID } from 'node:crypto';
import { loadConfig } from '@vpp/config';
import {
  OcpiChargingProfileCommandEntity,
  OcpiPullScheduler,
  PullPartyModulesUseCase,
  RequestActiveChargingProfileUseCase,
  RequestChargingProfileUseCase,
  RequestClearProfileUseCase,
} from '@vpp/ocpi';
import { MeterValueIngestService } from '@vpp/telemetry';
import { parseDecimal } from '@vpp/units';
import { sessionOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { aPartyId, eventually, issueTokenA, OcpiTestApp, realSessions, startOcpiTestApp } from '../ocpi/ocpi-test-app';

jest.setTimeout(90_000);

const US = { 'ocpi-from-country-code': 'NL', 'ocpi-from-party-id': 'VPP' };

interface CursorRow {
  module: string;
  pulled_until: Date;
  objects_stored: number;
  objects_invalid: number;
}

describe('OCPI 2.2.1 client pulls, routing headers and profile commands against a simulated CPO', () => {
  let test: OcpiTestApp;
  let cpo: SimulatedCpo;
  let ocpiPartyId: string;
  const partyId = aPartyId();
  // 5 sessions at 2 per page: 3 pages (offsets 0, 2, 4).
  const sessions = realSessions(5);
  const heldAt = new Date(Date.now() - 60 * 60 * 1000);

  async function cursors(): Promise<CursorRow[]> {
    return test.dataSource.query(
      'SELECT module, pulled_until, objects_stored, objects_invalid FROM ocpi_pull_cursors WHERE ocpi_party_id = $1 ORDER BY module',
      [ocpiPartyId],
    );
  }

  async function commandOf(id: string, statuses: readonly string[]): Promise<OcpiChargingProfileCommandEntity | undefined> {
    const row = await test.dataSource.getRepository(OcpiChargingProfileCommandEntity).findOneBy({ id });
    return row !== null && statuses.includes(row.status) ? row : undefined;
  }

  beforeAll(async () => {
    // No scheduled pulls: the one after registration and the explicit ones below are the only ones.
    test = await startOcpiTestApp('ocpi_pull', { OCPI_PULL_INTERVAL_SECONDS: '0' });
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: 'Pull CPO', commandLatencyMs: 20, ignoreShare: 0, pageLimit: 2 });
    await cpo.start();
  });

  afterAll(async () => {
    await cpo.stop();
    await test.close();
  });

  it('pulls a CPO that pushed nothing right after registration, 3 pages of sessions along the Link header', async () => {
    cpo.holdSessions(sessions, heldAt);
    const issued = await issueTokenA(test, 'NL', partyId);
    ocpiPartyId = issued.id;

    expect((await cpo.register(issued.versionsUrl, issued.tokenA)).status).toBe(200);

    const done = await eventually(async () => {
      const rows = await cursors();
      return rows.length === 2 ? rows : undefined;
    }, 'both modules pulled after registration');
    expect(done.map((r) => [r.module, r.objects_stored, r.objects_invalid])).toEqual([
      ['locations', new Set(sessions.map((s) => s.locationId)).size, 0],
      ['sessions', 5, 0],
    ]);
    const sessionPages = cpo.listRequests.filter((r) => r.module === 'sessions');
    expect(sessionPages.map((r) => r.query.offset)).toEqual(['0', '2', '4']);
    // First pull: no date_from; every page keeps the date_to filter (the Link carries it).
    expect(sessionPages[0].query.date_from).toBeUndefined();
    expect(new Set(sessionPages.map((r) => r.query.date_to)).size).toBe(1);
    for (const request of cpo.listRequests) expect(request.routing).toEqual({ ...US, 'ocpi-to-country-code': 'NL', 'ocpi-to-party-id': partyId });
    const stored: { session_id: string; in_fleet: boolean }[] = await test.dataSource.query(
      `SELECT s.session_id, f.id IS NOT NULL AS in_fleet FROM ocpi_sessions s LEFT JOIN sessions f ON f.id = s.fleet_session_id
       WHERE s.ocpi_party_id = $1 ORDER BY s.session_id`,
      [ocpiPartyId],
    );
    expect(stored).toEqual(['S1', 'S2', 'S3', 'S4', 'S5'].map((id) => ({ session_id: id, in_fleet: true })));
  });

  it('pulls next time from where the last pull ended, and counts an invalid object without losing its page', async () => {
    const [, before] = await cursors();
    const from = before.pulled_until;
    const changedAt = new Date(from.getTime() + 1_000);
    // A new session and one that cannot be a Session (no kwh, no status), on the same page.
    const fresh = { ...sessions[0], sessionId: 'S6' };
    cpo.holdSessions([fresh], changedAt);
    const broken = sessionOf(cpo.identity, { ...sessions[1], sessionId: 'BAD1' }, 'ACTIVE', '0', changedAt);
    delete broken.kwh;
    delete broken.status;
    cpo.serveRaw('sessions', 'BAD1', broken);
    const requestsBefore = cpo.listRequests.length;

    const outcome = await test.app.get(PullPartyModulesUseCase).execute(ocpiPartyId, new Date(from.getTime() + 10_000));

    const sessionsPull = outcome.modules.find((m) => m.module === 'sessions');
    expect(sessionsPull).toMatchObject({ dateFrom: from.toISOString().replace('.000Z', 'Z'), received: 2, stored: 1, invalid: 1, pages: 1 });
    const newRequests = cpo.listRequests.slice(requestsBefore).filter((r) => r.module === 'sessions');
    expect(newRequests[0].query.date_from).toBe(from.toISOString().replace('.000Z', 'Z'));
    const ids: { session_id: string }[] = await test.dataSource.query('SELECT session_id FROM ocpi_sessions WHERE ocpi_party_id = $1 ORDER BY session_id', [
      ocpiPartyId,
    ]);
    expect(ids.map((r) => r.session_id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
    const [, after] = await cursors();
    expect(after).toMatchObject({ objects_stored: 1, objects_invalid: 1 });
    expect(after.pulled_until.getTime()).toBe(from.getTime() + 10_000);
  });

  it('refuses a push whose routing headers name another receiver or another sender, storing nothing', async () => {
    const extra = { ...sessions[2], sessionId: 'S7' };
    const body = sessionOf(cpo.identity, extra, 'ACTIVE', '1.5', new Date());
    const path = `sessions/${cpo.pathOf('S7')}`;

    const otherReceiver = await cpo.send('PUT', path, body, { headers: { 'OCPI-to-country-code': 'NL', 'OCPI-to-party-id': 'XYZ' } });
    const otherSender = await cpo.send('PUT', path, body, { headers: { 'OCPI-from-country-code': 'NL', 'OCPI-from-party-id': 'ZZZ' } });
    const stored = await test.dataSource.query('SELECT 1 FROM ocpi_sessions WHERE ocpi_party_id = $1 AND session_id = $2', [ocpiPartyId, 'S7']);
    const routedRight = await cpo.send('PUT', path, body, {
      headers: { 'OCPI-to-country-code': 'nl', 'OCPI-to-party-id': 'vpp', 'OCPI-from-country-code': 'NL', 'OCPI-from-party-id': partyId },
    });

    expect(otherReceiver.status).toBe(400);
    expect(otherReceiver.body).toMatchObject({ status_code: 2001, data: { errors: ['ocpi-to-party-id: XYZ is not VPP'] } });
    expect(otherSender.status).toBe(400);
    expect(otherSender.body).toMatchObject({ status_code: 2001, data: { errors: [`ocpi-from-party-id: ZZZ is not ${partyId}`] } });
    expect(stored).toEqual([]);
    expect(routedRight.status).toBe(200);
    // Our answer is routed back: to the CPO, from us.
    expect(routedRight.headers.get('ocpi-to-party-id')).toBe(partyId);
    expect(routedRight.headers.get('ocpi-from-party-id')).toBe('VPP');
  });

  it('gets the active profile, clears ours, and gets the default back, each confirmed asynchronously', async () => {
    const [session] = (await test.dataSource.query('SELECT id FROM ocpi_sessions WHERE ocpi_party_id = $1 AND session_id = $2', [ocpiPartyId, 'S1'])) as {
      id: string;
    }[];
    const set = await test.app.get(RequestChargingProfileUseCase).execute({
      sessionId: session.id,
      profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit: parseDecimal('7400') }] },
    });
    await eventually(() => commandOf(set.id, ['confirmed']), 'set confirmed');
    await eventually(async () => (cpo.limitOf('S1') === 7400 ? true : undefined), 'limit applied');

    const get = await test.app.get(RequestActiveChargingProfileUseCase).execute({ sessionId: session.id, durationSeconds: 900 });
    const gotten = await eventually(() => commandOf(get.id, ['confirmed', 'rejected', 'timed_out', 'failed']), 'get answered');
    const clear = await test.app.get(RequestClearProfileUseCase).execute({ sessionId: session.id });
    const cleared = await eventually(() => commandOf(clear.id, ['confirmed', 'rejected', 'timed_out', 'failed']), 'clear answered');
    const afterClear = await test.app.get(RequestActiveChargingProfileUseCase).execute({ sessionId: session.id, durationSeconds: 60 });
    const gottenAgain = await eventually(() => commandOf(afterClear.id, ['confirmed', 'rejected', 'timed_out', 'failed']), 'second get answered');

    expect(gotten).toMatchObject({ kind: 'get_active', status: 'confirmed', responseResult: 'ACCEPTED', result: 'ACCEPTED', profile: null, durationSeconds: 900 });
    expect(gotten.resultProfile).toMatchObject({ charging_profile: { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 7400 }] } });
    expect(cleared).toMatchObject({ kind: 'clear', status: 'confirmed', result: 'ACCEPTED', profile: null });
    expect(cpo.limitOf('S1')).toBeNull();
    expect(gottenAgain.resultProfile).toMatchObject({ charging_profile: { charging_profile_period: [{ start_period: 0, limit: 22000 }] } });
    expect(cpo.profileQueries.map((q) => [q.kind, q.sessionId, q.durationSeconds])).toEqual([
      ['get_active', 'S1', 900],
      ['clear', 'S1', null],
      ['get_active', 'S1', 60],
    ]);
    for (const query of cpo.profileQueries) {
      expect(query.responseUrl).toMatch(/\/ocpi\/2\.2\.1\/chargingprofiles\/results\/[0-9a-f-]{36}$/);
      expect(query.routing).toEqual({ ...US, 'ocpi-to-country-code': 'NL', 'ocpi-to-party-id': partyId });
    }
    expect(cpo.received.at(-1)?.routing).toEqual({ ...US, 'ocpi-to-country-code': 'NL', 'ocpi-to-party-id': partyId });
    // The session keeps what the CPO last reported: its default limit after the clear.
    const [active] = (await test.dataSource.query('SELECT active_charging_profile FROM ocpi_sessions WHERE id = $1', [session.id])) as {
      active_charging_profile: { charging_profile: { charging_profile_period: { limit: number }[] } } | null;
    }[];
    expect(active.active_charging_profile?.charging_profile.charging_profile_period[0].limit).toBe(22000);
  });

  it('checks meter values against the EVSE limit from the fleet model when the caller passes none', async () => {
    const [session] = (await test.dataSource.query('SELECT fleet_session_id FROM ocpi_sessions WHERE ocpi_party_id = $1 AND session_id = $2', [
      ocpiPartyId,
      'S2',
    ])) as { fleet_session_id: string }[];
    const ingest = new MeterValueIngestService(test.dataSource, loadConfig().telemetry);
    const at = (minute: number): string => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();
    const unknownSession = randomUUID();

    // The simulated EVSEs are 22 kW: 24.2 kW is the limit with the 10 % margin.
    const result = await ingest.ingestMeterValues([
      { sessionId: session.fleet_session_id, measuredAt: at(0), powerKw: '24.2', energyRegisterKwh: '1', source: 'ocpi' },
      { sessionId: session.fleet_session_id, measuredAt: at(1), powerKw: '24.3', energyRegisterKwh: '2', source: 'ocpi' },
      // The caller's own limit wins over the fleet model's.
      { sessionId: session.fleet_session_id, measuredAt: at(2), powerKw: '24.3', energyRegisterKwh: '3', source: 'ocpi', evseMaxPowerKw: '50' },
      // A session the fleet model does not know: no limit to check against.
      { sessionId: unknownSession, measuredAt: at(0), powerKw: '350', energyRegisterKwh: '1', source: 'ocpi' },
    ]);

    expect(result).toMatchObject({ received: 4, inserted: 3, quarantined: { power_above_limit: 1 } });
    const quarantined: { power_kw_raw: string; evse_max_power_kw_raw: string }[] = await test.dataSource.query(
      'SELECT power_kw_raw, evse_max_power_kw_raw FROM meter_value_quarantine WHERE session_id = $1',
      [session.fleet_session_id],
    );
    expect(quarantined).toEqual([{ power_kw_raw: '24.3', evse_max_power_kw_raw: '22.000' }]);
  });

  it('schedules one pull per party and interval, however many replicas tick, and the job pulls', async () => {
    const scheduler = test.app.get(OcpiPullScheduler);
    const [, before] = await cursors();
    // The previous pull ended a little ahead of the clock: a pull now would have nothing to ask for.
    await eventually(async () => (Date.now() >= before.pulled_until.getTime() + 1_000 ? true : undefined), 'the clock past the last pull');
    const tick = new Date();

    // Two replicas ticking in the same interval bucket (the outbox key absorbs the second).
    const added = await Promise.all([scheduler.enqueue(tick), scheduler.enqueue(tick)]);

    expect(added.sort()).toEqual([0, 1]);
    const jobs: { idempotency_key: string }[] = await test.dataSource.query(
      `SELECT idempotency_key FROM outbox WHERE job_name = 'connector.pull-ocpi-party' AND idempotency_key LIKE $1`,
      [`ocpi-pull.${ocpiPartyId}.2%`],
    );
    expect(jobs).toHaveLength(1);
    await eventually(async () => {
      const [, now] = await cursors();
      return now.pulled_until.getTime() > before.pulled_until.getTime() ? now : undefined;
    }, 'the scheduled pull ran');
  });
});
