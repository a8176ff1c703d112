import { randomBytes } from 'node:crypto';
import { effectiveNeedsForSession, MobilityModule } from '@vpp/mobility';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { PartETestApp, seedSession, startPartETestApp } from '../oem/part-e-test-app';

const HOUR = 3_600_000;

describe('mobility needs API (/v1): drivers and reservation systems override reported needs', () => {
  let sut: PartETestApp;
  let owner: SeededOrganisation;
  let sessionId: string;
  let vehicleId: string;
  const arrivalAt = new Date(Date.now() - HOUR);
  const reportedDeparture = new Date(Date.now() + 8 * HOUR);

  /** Every row this test could write for the session: equal before and after means nothing was written. */
  async function snapshot(): Promise<string> {
    const needs: unknown[] = await sut.dataSource.query(`SELECT * FROM mobility_needs WHERE session_id = $1 OR vehicle_id = $2 ORDER BY id`, [sessionId, vehicleId]);
    const audit: unknown[] = await sut.dataSource.query(`SELECT chain_position FROM audit_log WHERE organisation_id = $1 ORDER BY chain_position`, [owner.organisationId]);
    const session: unknown[] = await sut.dataSource.query(`SELECT expected_departure_at, energy_need_kwh, target_soc_pct, min_soc_pct FROM sessions WHERE id = $1`, [sessionId]);
    return JSON.stringify([needs, audit, session]);
  }

  async function auditActions(): Promise<string[]> {
    const rows: { action: string }[] = await sut.dataSource.query(
      `SELECT action FROM audit_log WHERE organisation_id = $1 AND entity_id = $2 ORDER BY chain_position`,
      [owner.organisationId, sessionId],
    );
    return rows.map((row) => row.action);
  }

  beforeAll(async () => {
    sut = await startPartETestApp([MobilityModule]);
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const tag = randomBytes(4).toString('hex');
    ({ sessionId, vehicleId } = await seedSession(sut.dataSource, owner.organisationId, tag, { arrivalAt, expectedDepartureAt: reportedDeparture, energyNeedKwh: '30' }));
  });

  afterAll(async () => {
    await sut.close();
  });

  it('shows the reported needs while nobody has overridden them', async () => {
    const response = await call(sut.baseUrl, 'GET', `/v1/sessions/${sessionId}/needs`, { key: owner.key });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      override: null,
      effective: { departureAt: reportedDeparture.toISOString(), energyNeedKwh: '30', origin: { departure: 'reported', need: 'reported', minSoc: 'none' } },
    });
  });

  it('sets, changes and boosts; the override wins over the CPO values, which stay untouched; each step is audited', async () => {
    const departureAt = new Date(Date.now() + 4 * HOUR).toISOString();
    const set = await call(sut.baseUrl, 'PUT', `/v1/sessions/${sessionId}/needs`, {
      key: owner.key,
      body: { departureAt, targetSocPct: '80', minSocPct: '30', source: 'reservation-system', driverId: 'driver-42' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      override: { departureAt, targetSocPct: '80', minSocPct: '30', source: 'reservation-system', setByType: 'client', setById: owner.apiClientId, version: 1 },
      effective: { departureAt, energyNeedKwh: null, targetSocPct: '80', minSocPct: '30', origin: { departure: 'session-override', need: 'session-override', minSoc: 'session-override' } },
    });
    expect(JSON.stringify(set.body)).not.toContain('driver-42');

    const changed = await call(sut.baseUrl, 'PATCH', `/v1/sessions/${sessionId}/needs`, { key: owner.key, body: { minSocPct: null, energyNeedKwh: '12.5' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      override: { departureAt, energyNeedKwh: '12.5', targetSocPct: null, minSocPct: null, version: 2 },
      effective: { energyNeedKwh: '12.5', targetSocPct: null, minSocPct: null, origin: { minSoc: 'none' } },
    });

    const boosted = await call(sut.baseUrl, 'POST', `/v1/sessions/${sessionId}/boost`, { key: owner.key });
    expect(boosted.status).toBe(200);
    const boostAt = (boosted.body.effective as { boostRequestedAt: string | null }).boostRequestedAt;
    expect(boostAt).not.toBeNull();
    expect((boosted.body.override as { energyNeedKwh: string }).energyNeedKwh).toBe('12.5');

    const session: { expected_departure_at: Date; energy_need_kwh: string }[] = await sut.dataSource.query(`SELECT expected_departure_at, energy_need_kwh FROM sessions WHERE id = $1`, [sessionId]);
    expect(session[0]).toEqual({ expected_departure_at: reportedDeparture, energy_need_kwh: '30.000000' });
    expect(await auditActions()).toEqual(['mobility_needs.set', 'mobility_needs.change', 'mobility_needs.boost']);
    const driverHash: { driver_hash: string }[] = await sut.dataSource.query(`SELECT driver_hash FROM mobility_needs WHERE session_id = $1`, [sessionId]);
    expect(driverHash[0].driver_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('enqueues, with every change of a session\'s needs, the recording of its baseline as known then (planning queue)', async () => {
    const jobs: { queue: string; payload: { sessionId: string; knownAt: string } }[] = await sut.dataSource.query(
      `SELECT queue, payload FROM outbox WHERE job_name = 'planning.record-session-baseline' AND payload->>'sessionId' = $1 ORDER BY id`,
      [sessionId],
    );
    // The CPO's report with departure and need (seeded at arrival, by the fleet upsert), then the set, the change and the boost of the test before.
    expect(jobs.map((job) => job.queue)).toEqual(['planning', 'planning', 'planning', 'planning']);
    expect(jobs[0].payload.knownAt).toBe(arrivalAt.toISOString());
    expect(jobs.slice(1).every((job) => Date.parse(job.payload.knownAt) > arrivalAt.getTime())).toBe(true);
  });

  it("applies a vehicle's standing needs to its session where the session has no override of its own", async () => {
    const response = await call(sut.baseUrl, 'PUT', `/v1/vehicles/${vehicleId}/needs`, { key: owner.key, body: { minSocPct: '25', source: 'reservation-system' } });
    expect(response.status).toBe(200);
    const view = await call(sut.baseUrl, 'GET', `/v1/sessions/${sessionId}/needs`, { key: owner.key });
    expect(view.body).toMatchObject({ effective: { minSocPct: '25', origin: { minSoc: 'vehicle-override', need: 'session-override' } } });
    // The same precedence for planners reading by session id
    const internal = await effectiveNeedsForSession(sut.dataSource.manager, sessionId);
    expect({ minSocPct: internal?.minSocPct?.toFixed(), energyNeedKwh: internal?.energyNeedKwh?.toFixed(), origin: internal?.origin }).toEqual({
      minSocPct: '25',
      energyNeedKwh: '12.5',
      origin: { departure: 'session-override', need: 'session-override', minSoc: 'vehicle-override' },
    });
  });

  it.each([
    ['departure in the past', { departureAt: new Date(Date.now() - 60_000).toISOString() }, 422, 'DEPARTURE_IN_PAST'],
    ['target SoC above 100', { targetSocPct: '101' }, 422, 'SOC_OUT_OF_RANGE'],
    ['min SoC below 0', { minSocPct: '-1' }, 422, 'SOC_OUT_OF_RANGE'],
    ['min SoC above target', { targetSocPct: '50', minSocPct: '60' }, 422, 'MIN_SOC_ABOVE_TARGET'],
    ['zero energy need', { energyNeedKwh: '0' }, 422, 'ENERGY_NEED_NOT_POSITIVE'],
    ['both kinds of need', { energyNeedKwh: '10', targetSocPct: '80' }, 422, 'NEED_AMBIGUOUS'],
    ['a departure that is no instant', { departureAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
    ['a departure without a zone', { departureAt: '2099-01-10T17:30:00' }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { name: 'Jan de Vries' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s with %d problem+json and writes nothing', async (_name, body, status, code) => {
    const before = await snapshot();
    const response = await call(sut.baseUrl, 'PUT', `/v1/sessions/${sessionId}/needs`, { key: owner.key, body });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a departure before the arrival of a session that starts later (a reservation)', async () => {
    const tag = randomBytes(4).toString('hex');
    const later = await seedSession(sut.dataSource, owner.organisationId, tag, {
      arrivalAt: new Date(Date.now() + 2 * HOUR),
      expectedDepartureAt: new Date(Date.now() + 9 * HOUR),
      energyNeedKwh: '20',
    });
    const response = await call(sut.baseUrl, 'PUT', `/v1/sessions/${later.sessionId}/needs`, { key: owner.key, body: { departureAt: new Date(Date.now() + HOUR).toISOString() } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DEPARTURE_BEFORE_ARRIVAL');
    const rows: unknown[] = await sut.dataSource.query(`SELECT 1 FROM mobility_needs WHERE session_id = $1`, [later.sessionId]);
    expect(rows).toHaveLength(0);
  });

  it('answers other tenants 404 on every needs route and writes nothing', async () => {
    const intruder = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const before = await snapshot();
    const answers: number[] = [];
    for (const [method, path] of [
      ['GET', `/v1/sessions/${sessionId}/needs`],
      ['PUT', `/v1/sessions/${sessionId}/needs`],
      ['PATCH', `/v1/sessions/${sessionId}/needs`],
      ['POST', `/v1/sessions/${sessionId}/boost`],
      ['GET', `/v1/vehicles/${vehicleId}/needs`],
      ['PUT', `/v1/vehicles/${vehicleId}/needs`],
    ] as const) {
      const response = await call(sut.baseUrl, method, path, { key: intruder.key, body: method === 'GET' || method === 'POST' ? undefined : { minSocPct: '10' } });
      answers.push(response.status);
    }
    expect(answers).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await snapshot()).toBe(before);
  });

  it('lets operators in and keeps other organisation kinds out', async () => {
    const brp = await seedOrganisation(sut.dataSource, 'brp');
    expect((await call(sut.baseUrl, 'GET', `/v1/sessions/${sessionId}/needs`, { key: brp.key })).status).toBe(403);
  });
});
