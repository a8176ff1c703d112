import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { DeliveryDay, EnergyKwh, Isp, PowerKw } from '@vpp/units';
import { anOrganisation } from '../../../test/fleet/fleet-test-kit';
import { seedSession } from '../../../test/oem/part-e-test-app';
import { BaselineRecordQueries } from '../src/application/baseline-records/baseline-records.queries';
import { RecordBaselineUseCase } from '../src/application/baseline-records/record-baseline.use-case';
import { nominatedScheduleBaseline, uncontrolledChargingBaseline } from '../src/domain/baseline';
import { BaselineRecordError } from '../src/domain/baseline-records/baseline-record.errors';

describe('recorded baselines (versioned, with known_at)', () => {
  let dataSource: DataSource;
  let record: RecordBaselineUseCase;
  let queries: BaselineRecordQueries;
  let sessionId: string;
  let siteId: string;
  const arrival = new Date('2026-11-27T07:05:00Z');
  const departure = new Date('2026-11-27T11:00:00Z');
  const t1 = new Date('2026-11-27T07:05:00Z');
  const t2 = new Date('2026-11-27T08:00:00Z');

  const uncontrolled = (knownAt: Date, needKwh: string) =>
    uncontrolledChargingBaseline({ arrival, departure, energyNeedKwh: EnergyKwh.fromString(needKwh), maxPowerKw: PowerKw.fromString('11'), knownAt });

  const summary = (found: Awaited<ReturnType<BaselineRecordQueries['asKnownAt']>>) =>
    found && { method: found.method, version: found.methodVersion, knownAt: found.knownAt.toISOString(), needKwh: found.computedFrom.energyNeedKwh, isps: found.isps.length };

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 4 });
    await dataSource.initialize();
    record = new RecordBaselineUseCase(dataSource);
    queries = new BaselineRecordQueries(dataSource);
    const organisationId = await anOrganisation(dataSource);
    ({ sessionId } = await seedSession(dataSource, organisationId, randomBytes(4).toString('hex'), { arrivalAt: arrival, expectedDepartureAt: departure, energyNeedKwh: '20' }));
    const rows: { site_id: string }[] = await dataSource.query(`SELECT e.site_id FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE s.id = $1`, [sessionId]);
    siteId = rows[0].site_id;
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('records a baseline once per session, method, version and known_at: a second recording returns the first', async () => {
    const first = await record.execute({ type: 'session', sessionId }, uncontrolled(t1, '20'));
    const again = await record.execute({ type: 'session', sessionId }, uncontrolled(t1, '20'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const stored = await queries.asKnownAt({ type: 'session', sessionId }, t1);
    // 07:05 -> 07:15 is 10 minutes at 11 kW: 1.833333 kWh, 7.333 kW average (rounded half-even once, when recorded).
    expect(stored?.isps[0]).toEqual({ ispStart: new Date('2026-11-27T07:00:00Z'), powerKw: expect.anything(), energyKwh: expect.anything() });
    expect([stored?.isps[0].powerKw.toFixed(), stored?.isps[0].energyKwh.toFixed()]).toEqual(['7.333', '1.833333']);
    expect(stored?.isps.reduce((sum, isp) => sum.plus(isp.energyKwh), EnergyKwh.zero().value).toFixed()).toBe('20');
    expect(stored?.computedFrom).toEqual(uncontrolled(t1, '20').metadata.inputs);
  });

  it('refuses other values under the same key: a method must be deterministic for its version', async () => {
    await expect(record.execute({ type: 'session', sessionId }, uncontrolled(t1, '25'))).rejects.toThrow(BaselineRecordError);
    await expect(record.execute({ type: 'session', sessionId }, uncontrolled(t1, '25'))).rejects.toMatchObject({ code: 'BASELINE_RECORD_CONFLICT' });
  });

  it('answers "the baseline as known at T" with the latest known_at <= T', async () => {
    await record.execute({ type: 'session', sessionId }, uncontrolled(t2, '30'));
    const at = (iso: string) => queries.asKnownAt({ type: 'session', sessionId }, new Date(iso));
    expect(await at('2026-11-27T07:04:59.999Z')).toBeNull();
    expect(summary(await at('2026-11-27T07:05:00Z'))).toEqual({ method: 'uncontrolled-charging', version: 2, knownAt: t1.toISOString(), needKwh: '20', isps: 8 });
    expect(summary(await at('2026-11-27T07:59:59Z'))).toMatchObject({ knownAt: t1.toISOString(), needKwh: '20' });
    expect(summary(await at('2026-11-27T08:00:00Z'))).toMatchObject({ knownAt: t2.toISOString(), needKwh: '30' });
    expect(summary(await at('2026-11-28T00:00:00Z'))).toMatchObject({ knownAt: t2.toISOString() });
    // Filtered by method: no nominated schedule was known for the session.
    expect(await queries.asKnownAt({ type: 'session', sessionId }, new Date('2026-11-28T00:00:00Z'), 'nominated-schedule')).toBeNull();
  });

  it('records site baselines apart from session ones, over a DST day', async () => {
    const day = DeliveryDay.of('2026-10-25');
    const knownAt = new Date('2026-10-24T10:00:00Z');
    const schedule = day.isps().map((isp: Isp, i: number) => ({ isp, powerKw: PowerKw.fromString(`${i}.5`) }));
    const result = await record.execute({ type: 'site', siteId }, nominatedScheduleBaseline({ schedule, knownAt, reference: 'D-prognosis 42' }));
    expect(result.created).toBe(true);
    const stored = await queries.asKnownAt({ type: 'site', siteId }, day.start);
    expect(stored?.isps).toHaveLength(100);
    expect([stored?.isps[99].powerKw.toFixed(), stored?.isps[99].energyKwh.toFixed()]).toEqual(['99.5', '24.875']);
    expect(stored?.computedFrom.reference).toBe('D-prognosis 42');
    expect(await queries.asKnownAt({ type: 'site', siteId }, new Date('2026-10-24T09:59:59Z'))).toBeNull();
  });

  it('refuses a subject that does not exist', async () => {
    await expect(record.execute({ type: 'session', sessionId: randomUUID() }, uncontrolled(t1, '20'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
