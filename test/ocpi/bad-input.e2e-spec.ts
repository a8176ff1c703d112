import { DataSource } from 'typeorm';
import { MarkStaleSessionsUseCase } from '@vpp/fleet';
import { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { parseDecimal } from '@vpp/units';
import { locationOf, ocpiTime, sessionOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { cpoRequest } from '../../apps/simulator/src/cpo/cpo-http';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { aPartyId, eventually, issueTokenA, OcpiTestApp, realSessions, startOcpiTestApp } from './ocpi-test-app';

jest.setTimeout(60_000);

async function countRows(dataSource: DataSource, table: 'ocpi_locations' | 'ocpi_sessions' | 'ocpi_cdrs', partyId: string): Promise<number> {
  const rows: { c: number }[] = await dataSource.query(
    `SELECT count(*)::int AS c FROM ${table} t JOIN ocpi_parties p ON p.id = t.ocpi_party_id WHERE p.party_id = $1`,
    [partyId],
  );
  return rows[0].c;
}

describe('OCPI receivers: bad input, duplicates, reordering, late updates, silence', () => {
  let test: OcpiTestApp;
  let cpo: SimulatedCpo;
  const partyId = aPartyId();
  const [session] = realSessions(1);
  const t0 = new Date('2026-11-25T10:00:00Z');
  const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

  beforeAll(async () => {
    // A 2 s command timeout, so a CPO that never answers is seen timing out within the test.
    test = await startOcpiTestApp('ocpi_bad_input', { OCPI_BODY_LIMIT_BYTES: '4096', OCPI_COMMAND_TIMEOUT_SECONDS: '2' });
    // A CPO whose EVs apply profiles only after ten minutes: its results never come in time.
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: 'Silent CPO', commandLatencyMs: 600_000, ignoreShare: 0 });
    await cpo.start();
    const issued = await issueTokenA(test, 'NL', partyId);
    await cpo.register(issued.versionsUrl, issued.tokenA);
  });

  afterAll(async () => {
    await cpo.stop();
    await test.close();
  });

  it.each([
    ['a Location without its address', (l: Record<string, unknown>) => ({ ...l, address: undefined }), 'address'],
    ['a Location with a local time instead of UTC', (l: Record<string, unknown>) => ({ ...l, last_updated: '2026-11-25T10:00:00+01:00' }), 'last_updated'],
    ['a Location whose id differs from the URL', (l: Record<string, unknown>) => ({ ...l, id: 'OTHER' }), 'id'],
  ])('answers %s with HTTP 400 and OCPI 2001 and stores nothing', async (_name, spoil, field) => {
    const location = spoil(locationOf(cpo.identity, session.locationId, [session.evseUid], at(0)));

    const answer = await cpo.send('PUT', `locations/${cpo.pathOf(session.locationId)}`, location);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status_code: 2001 });
    expect(JSON.stringify(answer.body?.data)).toContain(field);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(await countRows(test.dataSource, 'ocpi_locations', partyId)).toBe(0);
  });

  it('answers a second registration (POST credentials when registered) with 405', async () => {
    const answer = await cpo.send('POST', 'credentials', {
      token: 'another-token-b',
      url: 'http://127.0.0.1:1/ocpi/versions',
      roles: [{ role: 'CPO', business_details: { name: 'again' }, party_id: partyId, country_code: 'NL' }],
    });

    expect([answer.status, answer.body?.status_code]).toEqual([405, 2000]);
  });

  it('answers malformed JSON with the OCPI envelope (2001), not a framework error body', async () => {
    const answer = await cpo.send('PUT', `locations/${cpo.pathOf(session.locationId)}`, undefined, { rawBody: '{"id": "LOC' });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status_code: 2001 });
    expect(answer.body).not.toHaveProperty('type');
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(await countRows(test.dataSource, 'ocpi_locations', partyId)).toBe(0);
  });

  it('answers an oversize body with HTTP 413 in the OCPI envelope (2000)', async () => {
    const location = { ...locationOf(cpo.identity, session.locationId, [session.evseUid], at(0)), name: 'x'.repeat(5000) };

    const answer = await cpo.send('PUT', `locations/${cpo.pathOf(session.locationId)}`, location);

    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ status_code: 2000 });
    expect(await countRows(test.dataSource, 'ocpi_locations', partyId)).toBe(0);
  });

  it('answers an unknown or missing token with HTTP 401 and OCPI 2000', async () => {
    const unknown = await cpo.send('GET', `sessions/${cpo.pathOf('S1')}`, undefined, { token: 'not-a-token-of-ours' });
    const missing = await cpo.send('GET', `sessions/${cpo.pathOf('S1')}`, undefined, { token: null });

    expect([unknown.status, unknown.body?.status_code]).toEqual([401, 2000]);
    expect(unknown.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(unknown.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect([missing.status, missing.body?.status_code]).toEqual([401, 2000]);
  });

  it('answers a Session at an unknown Location with OCPI 2003 and stores nothing', async () => {
    const answer = await cpo.send('PUT', `sessions/${cpo.pathOf(session.sessionId)}`, sessionOf(cpo.identity, session, 'ACTIVE', '0', at(0)));

    expect(answer.body).toMatchObject({ status_code: 2003 });
    expect(answer.status).toBe(404);
    expect(await countRows(test.dataSource, 'ocpi_sessions', partyId)).toBe(0);
  });

  it('answers an unknown /ocpi route in the OCPI envelope', async () => {
    const answer = await cpo.send('GET', 'locations/NL/XXX/1/2/3/4');

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status_code: 2000 });
  });

  it('applies duplicated, reordered and late Session PATCHes by last_updated only', async () => {
    await cpo.pushSessions([session], at(0));
    const patch = (minute: number, kwh: number, status = 'ACTIVE') =>
      cpo.send('PATCH', `sessions/${cpo.pathOf(session.sessionId)}`, { kwh, status, last_updated: ocpiTime(at(minute)) });

    // Arrival order: 2, 2 again (duplicate), 4, 3 (reordered), 1 (late). Every one is acknowledged.
    const answers = [await patch(2, 2.5), await patch(2, 2.5), await patch(4, 4.25, 'COMPLETED'), await patch(3, 3.5), await patch(1, 1)];

    expect(answers.map((a) => [a.status, a.body?.status_code])).toEqual(Array(5).fill([200, 1000]));
    const rows: { energy_kwh: string; status: string; last_updated: Date; fleet_status: string; delivered: string }[] = await test.dataSource.query(
      `SELECT s.energy_kwh, s.status, s.last_updated, f.status AS fleet_status, f.energy_delivered_kwh AS delivered
       FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id JOIN sessions f ON f.id = s.fleet_session_id
       WHERE p.party_id = $1 AND s.session_id = $2`,
      [partyId, session.sessionId],
    );
    expect(rows).toEqual([{ energy_kwh: '4.250000', status: 'COMPLETED', last_updated: at(4), fleet_status: 'finished', delivered: '4.250000' }]);
  });

  it('refuses a newer Session PATCH naming an unknown Location with OCPI 2003 and keeps the session as it was', async () => {
    const stored = async (): Promise<unknown[]> =>
      test.dataSource.query(
        `SELECT s.location_id, s.energy_kwh, s.status, s.last_updated, s.object FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id
         WHERE p.party_id = $1 AND s.session_id = $2`,
        [partyId, session.sessionId],
      );
    const before = await stored();

    const answer = await cpo.send('PATCH', `sessions/${cpo.pathOf(session.sessionId)}`, { location_id: 'NOWHERE', kwh: 9, last_updated: ocpiTime(at(5)) });

    expect([answer.status, answer.body?.status_code]).toEqual([404, 2003]);
    expect(await stored()).toEqual(before);
  });

  it('lets the sessions of a CPO that went silent go stale, and revives them on fresh news', async () => {
    const markStale = test.app.get(MarkStaleSessionsUseCase, { strict: false });
    const fleetStatus = async (): Promise<string> => {
      const rows: { status: string }[] = await test.dataSource.query(
        `SELECT f.status FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id JOIN sessions f ON f.id = s.fleet_session_id
         WHERE p.party_id = $1 AND s.session_id = 'S9'`,
        [partyId],
      );
      return rows[0].status;
    };
    await cpo.send('PUT', `sessions/${cpo.pathOf('S9')}`, { ...sessionOf(cpo.identity, session, 'ACTIVE', '1', at(10)), id: 'S9' });

    // Two hours of silence from this CPO, with a 60-minute staleness threshold.
    await test.dataSource.transaction((manager) => markStale.execute(manager, new Date(Date.now() + 2 * 3_600_000), 60));
    const whileSilent = await fleetStatus();
    await cpo.send('PATCH', `sessions/${cpo.pathOf('S9')}`, { kwh: 2, last_updated: ocpiTime(at(11)) });

    expect(whileSilent).toBe('stale');
    expect(await fleetStatus()).toBe('charging');
  });

  it('answers a PATCH of an unknown Session with 404 and stores nothing', async () => {
    const answer = await cpo.send('PATCH', `sessions/${cpo.pathOf('NO-SUCH')}`, { kwh: 1, last_updated: ocpiTime(at(5)) });

    expect(answer.status).toBe(404);
    expect(answer.body?.status_code).toBe(2000);
    expect(await countRows(test.dataSource, 'ocpi_sessions', partyId)).toBe(2);
  });

  it('stores a CDR once and answers with a Location header that reads it back', async () => {
    const cdr = {
      country_code: 'NL', party_id: partyId, id: `CDR-${session.sessionId}`, start_date_time: ocpiTime(at(0)), end_date_time: ocpiTime(at(4)),
      session_id: session.sessionId, cdr_token: { country_code: 'NL', party_id: partyId, uid: 'TOKEN-1', type: 'RFID', contract_id: 'NL-ABC-C1' },
      auth_method: 'WHITELIST',
      cdr_location: {
        id: session.locationId, address: 'Stationsplein 1', city: 'Arnhem', country: 'NLD', coordinates: { latitude: '51.98471', longitude: '5.89832' },
        evse_uid: session.evseUid, evse_id: 'NL*ABC*E1', connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR', charging_periods: [{ start_date_time: ocpiTime(at(0)), dimensions: [{ type: 'ENERGY', volume: 4.25 }] }],
      total_cost: { excl_vat: 1.7 }, total_energy: 4.25, total_time: 0.067, last_updated: ocpiTime(at(5)),
    };

    const first = await cpo.send('POST', 'cdrs', cdr);
    const again = await cpo.send('POST', 'cdrs', cdr);
    const location = first.headers.get('location') ?? '';
    const readBack = await cpo.send('GET', `cdrs/${location.split('/').pop() ?? ''}`);

    expect(first.status).toBe(201);
    expect(again.headers.get('location')).toBe(location);
    expect(location).toMatch(/\/ocpi\/2\.2\.1\/cdrs\/[0-9a-f-]{36}$/);
    expect(readBack.body).toMatchObject({ status_code: 1000, data: { id: cdr.id, total_energy: 4.25 } });
    expect(await countRows(test.dataSource, 'ocpi_cdrs', partyId)).toBe(1);
  });

  it('marks a charging profile timed out when the CPO never sends its result', async () => {
    const rows: { id: string }[] = await test.dataSource.query(
      `SELECT s.id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id WHERE p.party_id = $1`,
      [partyId],
    );
    const sut = test.app.get(RequestChargingProfileUseCase, { strict: false });

    const command = await sut.execute({ sessionId: rows[0].id, profile: { chargingRateUnit: 'A', periods: [{ startPeriodSeconds: 0, limit: parseDecimal('16') }] } });
    const timedOut = await eventually(async () => {
      const found: { status: string; response_result: string | null }[] = await test.dataSource.query(
        `SELECT status, response_result FROM ocpi_charging_profile_commands WHERE id = $1`,
        [command.id],
      );
      return found[0].status === 'timed_out' ? found[0] : undefined;
    }, 'command timed out');

    expect(timedOut).toEqual({ status: 'timed_out', response_result: 'ACCEPTED' });
    // A result that comes after the deadline is acknowledged and kept for the record, but the command stays timed out.
    const late = await cpo.send('POST', `chargingprofiles/results/${command.id}`, { result: 'ACCEPTED' });
    const withoutToken = await cpoRequest('POST', cpo.received[0].responseUrl, null, { result: 'ACCEPTED' });
    expect([late.status, late.body?.status_code]).toEqual([200, 1000]);
    expect(withoutToken.status).toBe(401);
    const after: { status: string; result: string }[] = await test.dataSource.query(
      `SELECT status, result FROM ocpi_charging_profile_commands WHERE id = $1`,
      [command.id],
    );
    expect(after).toEqual([{ status: 'timed_out', result: 'ACCEPTED' }]);
  });
});
