import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { BaselineRecordQueries } from '../src/application/baseline-records/baseline-records.queries';
import { RecordBaselineUseCase } from '../src/application/baseline-records/record-baseline.use-case';
import { RecordSessionBaselineUseCase } from '../src/application/baseline-records/record-session-baseline.use-case';
import { PlanWorld } from './plan-fixtures';

/**
 * The baseline a live session gets when its need and departure become known (the job the
 * mobility-needs API enqueues), so it settles against its own baseline without a plan after it.
 */
describe('a live session\'s baseline, recorded when its need and departure become known', () => {
  let dataSource: DataSource;
  let world: PlanWorld;
  let useCase: RecordSessionBaselineUseCase;
  let queries: BaselineRecordQueries;
  let evseId: string;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 4 });
    await dataSource.initialize();
    world = await new PlanWorld(dataSource).create();
    const siteId = await world.site(100);
    evseId = await world.evse(siteId, 11);
    useCase = new RecordSessionBaselineUseCase(dataSource, new RecordBaselineUseCase(dataSource));
    queries = new BaselineRecordQueries(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('records the uncontrolled-charging baseline from the driver\'s stated need and departure, from arrival at the EVSE\'s power', async () => {
    // Reported by the CPO: nothing; stated by the driver: 5.5 kWh by 18:00.
    const sessionId = await world.session({ evseId, arrival: '2026-06-10T14:05:00Z', departure: null, needKwh: null });
    await world.needs(sessionId, { departureAt: '2026-06-10T18:00:00Z', energyNeedKwh: 5.5 });
    // Stated before the car arrived: the baseline still starts at arrival, known at the statement.
    const knownAt = new Date('2026-06-10T13:00:00Z');
    const first = await useCase.execute(sessionId, knownAt);
    expect(first.outcome).toBe('recorded');
    const stored = await queries.asKnownAt({ type: 'session', sessionId }, new Date('2026-06-11T00:00:00Z'));
    expect(stored?.method).toBe('uncontrolled-charging');
    expect(stored?.knownAt.toISOString()).toBe(knownAt.toISOString());
    // 14:05-14:15 at 11 kW is 1.833333 kWh, 14:15-14:30 2.75 kWh, the 0.916667 kWh left in 14:30-14:45.
    expect(stored?.isps.map((isp) => [isp.ispStart.toISOString(), isp.energyKwh.toFixed()])).toEqual([
      ['2026-06-10T14:00:00.000Z', '1.833333'],
      ['2026-06-10T14:15:00.000Z', '2.75'],
      ['2026-06-10T14:30:00.000Z', '0.916667'],
    ]);
    // Nothing was known before the statement.
    expect(await queries.asKnownAt({ type: 'session', sessionId }, new Date(knownAt.getTime() - 1))).toBeNull();

    const again = await useCase.execute(sessionId, knownAt);
    expect(again).toEqual({ outcome: 'already_recorded', baselineRecordId: first.outcome === 'recorded' ? first.baselineRecordId : '' });
  });

  it('stated after arrival: the baseline runs from the statement with the need left', async () => {
    const sessionId = await world.session({ evseId, arrival: '2026-06-10T08:00:00Z', departure: '2026-06-10T12:00:00Z', needKwh: 4 });
    const result = await useCase.execute(sessionId, new Date('2026-06-10T09:10:00Z'));
    expect(result.outcome).toBe('recorded');
    const stored = await queries.asKnownAt({ type: 'session', sessionId }, new Date('2026-06-10T12:00:00Z'));
    expect(stored?.isps.map((isp) => [isp.ispStart.toISOString(), isp.energyKwh.toFixed()])).toEqual([
      ['2026-06-10T09:00:00.000Z', '0.916667'],
      ['2026-06-10T09:15:00.000Z', '2.75'],
      ['2026-06-10T09:30:00.000Z', '0.333333'],
    ]);
  });

  it('records nothing for a session whose need or departure is unknown, or that is unknown', async () => {
    const sessionId = await world.session({ evseId, arrival: '2026-06-10T10:00:00Z', departure: null, needKwh: null });
    expect(await useCase.execute(sessionId, new Date('2026-06-10T10:00:00Z'))).toMatchObject({ outcome: 'no_baseline' });
    expect(await useCase.execute('00000000-0000-4000-8000-000000000000', new Date('2026-06-10T10:00:00Z'))).toEqual({ outcome: 'no_baseline', reason: 'unknown session' });
    const rows: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM baseline_records WHERE session_id = $1`, [sessionId]);
    expect(rows[0].n).toBe(0);
  });
});
