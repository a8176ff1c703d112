import { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { parseDecimal } from '@vpp/units';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { aPartyId, eventually, issueTokenA, OcpiTestApp, realSessions, startOcpiTestApp } from './ocpi-test-app';

jest.setTimeout(60_000);

// A seeded draw so "which sessions ignore profiles" is the same on every run.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('OCPI 2.2.1 with two simulated CPOs (colliding session ids)', () => {
  let test: OcpiTestApp;
  let cpoA: SimulatedCpo;
  let cpoB: SimulatedCpo;
  const partyA = aPartyId();
  const partyB = aPartyId();
  const sessions = realSessions(3);

  beforeAll(async () => {
    test = await startOcpiTestApp('ocpi_two_cpos');
    cpoA = new SimulatedCpo({ countryCode: 'NL', partyId: partyA, name: 'CPO A', commandLatencyMs: 30, ignoreShare: 0, random: seeded(1) });
    cpoB = new SimulatedCpo({ countryCode: 'NL', partyId: partyB, name: 'CPO B', commandLatencyMs: 60, ignoreShare: 0, random: seeded(2) });
    await cpoA.start();
    await cpoB.start();
  });

  afterAll(async () => {
    await cpoA.stop();
    await cpoB.stop();
    await test.close();
  });

  it('registers both through the credentials handshake (token A -> B/C) and discards token A', async () => {
    const a = await issueTokenA(test, 'NL', partyA);
    const b = await issueTokenA(test, 'NL', partyB);

    const answerA = await cpoA.register(a.versionsUrl, a.tokenA);
    const answerB = await cpoB.register(b.versionsUrl, b.tokenA);
    const reuseOfTokenA = await cpoA.send('GET', 'credentials', undefined, { token: a.tokenA });

    expect(answerA.status).toBe(200);
    expect(answerA.body).toMatchObject({ status_code: 1000, data: { roles: [{ role: 'SCSP' }] } });
    expect(answerB.status).toBe(200);
    expect(reuseOfTokenA.status).toBe(401);
    expect(reuseOfTokenA.body?.status_code).toBe(2000);
    const rows: { status: string; version: string; has_outbound: boolean; token_a_gone: boolean }[] = await test.dataSource.query(
      `SELECT status, version, outbound_token_encrypted IS NOT NULL AS has_outbound, registration_token_hash IS NULL AS token_a_gone
       FROM ocpi_parties WHERE party_id IN ($1, $2) ORDER BY party_id`,
      [partyA, partyB],
    );
    expect(rows).toEqual([
      { status: 'registered', version: '2.2.1', has_outbound: true, token_a_gone: true },
      { status: 'registered', version: '2.2.1', has_outbound: true, token_a_gone: true },
    ]);
  });

  it('keeps the same session ids of two CPOs apart, in the OCPI copy and in the fleet model', async () => {
    const at = new Date('2026-11-25T10:00:00Z');
    await cpoA.pushSessions(sessions, at);
    await cpoB.pushSessions(sessions, at);

    const rows: { party_id: string; session_id: string; id: string; fleet_session_id: string; energy_kwh: string }[] = await test.dataSource.query(
      `SELECT p.party_id, s.session_id, s.id, s.fleet_session_id, s.energy_kwh FROM ocpi_sessions s
       JOIN ocpi_parties p ON p.id = s.ocpi_party_id WHERE p.party_id IN ($1, $2) ORDER BY s.session_id, p.party_id`,
      [partyA, partyB],
    );
    expect(rows.map((r) => `${r.session_id}@${r.party_id}`).sort()).toEqual(
      ['S1', 'S2', 'S3'].flatMap((id) => [`${id}@${partyA}`, `${id}@${partyB}`]).sort(),
    );
    const s1 = rows.filter((r) => r.session_id === 'S1');
    expect(s1[0].id).not.toBe(s1[1].id);
    expect(s1[0].fleet_session_id).not.toBe(s1[1].fleet_session_id);
    const fleet: { status: string; control_channel: string; c: string }[] = await test.dataSource.query(
      `SELECT status, control_channel, count(*)::text AS c FROM sessions WHERE id = ANY($1) GROUP BY status, control_channel`,
      [rows.map((r) => r.fleet_session_id)],
    );
    expect(fleet).toEqual([{ status: 'charging', control_channel: 'ocpi', c: '6' }]);
  });

  it('takes ChargingPreferences (departure, energy need, discharge) into the fleet session', async () => {
    const answer = await cpoA.send('PUT', `sessions/${cpoA.pathOf('S2')}/charging_preferences`, {
      profile_type: 'CHEAP',
      departure_time: '2026-11-25T17:30:00Z',
      energy_need: 21.75,
      discharge_allowed: true,
    });

    expect([answer.status, answer.body?.data]).toEqual([200, 'ACCEPTED']);
    const rows: { expected_departure_at: Date; energy_need_kwh: string; can_discharge: boolean }[] = await test.dataSource.query(
      `SELECT f.expected_departure_at, f.energy_need_kwh, f.can_discharge FROM ocpi_sessions s
       JOIN ocpi_parties p ON p.id = s.ocpi_party_id JOIN sessions f ON f.id = s.fleet_session_id
       WHERE p.party_id = $1 AND s.session_id = 'S2'`,
      [partyA],
    );
    expect(rows).toEqual([{ expected_departure_at: new Date('2026-11-25T17:30:00Z'), energy_need_kwh: '21.750000', can_discharge: true }]);
  });

  it('sends charging profiles per session, confirmed asynchronously on our response_url, and measures the latency', async () => {
    const sut = test.app.get(RequestChargingProfileUseCase, { strict: false });
    const [s1A, s1B]: { id: string }[] = await test.dataSource.query(
      `SELECT s.id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id
       WHERE s.session_id = 'S1' AND p.party_id IN ($1, $2) ORDER BY p.party_id = $1 DESC`,
      [partyA, partyB],
    );

    // 7400.04 W rounds DOWN to 7400.0 on the wire: a limit must never grow by rounding.
    const commandA = await sut.execute({ sessionId: s1A.id, profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit: parseDecimal('7400.04') }] } });
    const commandB = await sut.execute({ sessionId: s1B.id, profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit: parseDecimal('3700') }] } });
    const confirmed = await eventually(async () => {
      const rows: { id: string; status: string; response_result: string; result: string; latency_ms: number; request_id: string }[] = await test.dataSource.query(
        `SELECT id, status, response_result, result, latency_ms, request_id FROM ocpi_charging_profile_commands WHERE id = ANY($1)`,
        [[commandA.id, commandB.id]],
      );
      return rows.every((r) => r.status === 'confirmed') && rows.length === 2 ? rows : undefined;
    }, 'both commands confirmed');
    await cpoA.settled();
    await cpoB.settled();

    expect(confirmed.map((r) => [r.response_result, r.result])).toEqual([['ACCEPTED', 'ACCEPTED'], ['ACCEPTED', 'ACCEPTED']]);
    expect(cpoA.limitOf('S1')).toBe(7400);
    expect(cpoB.limitOf('S1')).toBe(3700);
    expect(cpoA.limitOf('S2')).toBeNull();
    // The X-Request-ID the CPO saw is the one recorded before sending.
    expect(cpoA.received.map((r) => r.requestId)).toEqual([confirmed.find((r) => r.id === commandA.id)?.request_id]);
    // CPO B answers after 60 ms: the measured command latency includes it.
    expect(confirmed.find((r) => r.id === commandB.id)?.latency_ms).toBeGreaterThanOrEqual(60);
    const latency: { party: string; sample_count: number }[] = await test.dataSource.query(
      `SELECT party, sample_count FROM channel_latency WHERE channel = 'ocpi' AND party IN ($1, $2) ORDER BY party`,
      [`NL*${partyA}`, `NL*${partyB}`],
    );
    expect(latency.map((l) => l.sample_count)).toEqual([1, 1]);
    const active = await eventually(async () => {
      const rows: { active_charging_profile: { charging_profile: { charging_profile_period: { limit: number }[] } } | null }[] =
        await test.dataSource.query(`SELECT active_charging_profile FROM ocpi_sessions WHERE id = $1`, [s1B.id]);
      return rows[0].active_charging_profile ?? undefined;
    }, 'ActiveChargingProfile PUT by CPO B');
    expect(active.charging_profile.charging_profile_period[0].limit).toBe(3700);
  });

  it('registers the other way round: we initiate towards a CPO that gave us its token A', async () => {
    const partyC = aPartyId();
    const cpoC = new SimulatedCpo({ countryCode: 'NL', partyId: partyC, name: 'CPO C', commandLatencyMs: 10, ignoreShare: 0 });
    await cpoC.start();
    try {
      const party = await issueTokenA(test, 'NL', partyC);
      const { tokenA, versionsUrl } = cpoC.issueTokenA();

      const response = await fetch(`${test.baseUrl}/v1/ocpi/parties/${party.id}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': test.operator.key },
        body: JSON.stringify({ versionsUrl, token: tokenA }),
      });
      // The token we gave CPO C during its handling of our POST now opens our side to it.
      const location = await cpoC.send('PUT', `locations/${cpoC.pathOf('LOC-C')}`, {
        country_code: 'NL', party_id: partyC, id: 'LOC-C', publish: true, address: 'Markt 1', city: 'Utrecht', country: 'NLD',
        coordinates: { latitude: '52.09074', longitude: '5.12142' }, time_zone: 'Europe/Amsterdam', last_updated: '2026-11-25T10:00:00Z',
      });

      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ status: 'registered', version: '2.2.1' });
      expect([location.status, location.body?.status_code]).toEqual([200, 1000]);
    } finally {
      await cpoC.stop();
    }
  });

  it('updates credentials with PUT: a new token C replaces the old one', async () => {
    const { answer, previousToken } = await cpoA.updateCredentials();
    const withNew = await cpoA.send('GET', `sessions/${cpoA.pathOf('S1')}`);
    const withOld = await cpoA.send('GET', `sessions/${cpoA.pathOf('S1')}`, undefined, { token: previousToken });

    expect([answer.status, answer.body?.status_code]).toEqual([200, 1000]);
    expect([withNew.status, withNew.body?.status_code]).toEqual([200, 1000]);
    expect([withOld.status, withOld.body?.status_code]).toEqual([401, 2000]);
  });

  it('unregisters a CPO with DELETE, after which its token opens nothing', async () => {
    const answer = await cpoB.unregister();
    const after = await cpoB.send('GET', `sessions/${cpoB.pathOf('S1')}`);

    expect(answer.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.body?.status_code).toBe(2000);
    const rows: { status: string }[] = await test.dataSource.query(`SELECT status FROM ocpi_parties WHERE party_id = $1`, [partyB]);
    expect(rows).toEqual([{ status: 'unregistered' }]);
  });
});
