import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { MeterValueGroupIngest, MeterValueIngestService, MeterValuePartitions, TelemetryBatchInvalidError } from '@vpp/telemetry';
import { TEST_NOW, TEST_SETTINGS, aMeterValue, quarantined } from './telemetry-test-kit';

describe('derived quantities, group commit and the previous value', () => {
  let dataSource: DataSource;
  let ingest: MeterValueIngestService;
  let sut: MeterValueGroupIngest;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 3 });
    await dataSource.initialize();
    ingest = new MeterValueIngestService(dataSource, TEST_SETTINGS, new MeterValuePartitions(dataSource), () => TEST_NOW);
    sut = new MeterValueGroupIngest(ingest);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores the labels of derived quantities with the row, and with a quarantined one', async () => {
    const sessionId = randomUUID();
    await sut.submit([
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:00:00Z', energyRegisterKwh: '10', source: 'ocpi', powerSource: 'derived_from_energy' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:15:00Z', energyRegisterKwh: '12', source: 'oem', energySource: 'derived_from_power' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:30:00Z', energyRegisterKwh: '11', source: 'ocpi', powerSource: 'derived_from_energy' }),
    ]);
    const rows: { power_source: string; energy_source: string }[] = await dataSource.query(
      'SELECT power_source, energy_source FROM meter_values WHERE session_id = $1 ORDER BY measured_at',
      [sessionId],
    );
    expect(rows).toEqual([
      { power_source: 'derived_from_energy', energy_source: 'measured' },
      { power_source: 'measured', energy_source: 'derived_from_power' },
    ]);
    expect((await quarantined(dataSource, sessionId)).map((r) => r.reason)).toEqual(['negative_energy_step']);
    const labels: { power_source: string }[] = await dataSource.query('SELECT power_source FROM meter_value_quarantine WHERE session_id = $1', [sessionId]);
    expect(labels).toEqual([{ power_source: 'derived_from_energy' }]);
  });

  it('commits concurrent callers together; a caller with bad rows fails alone and nothing of it is written', async () => {
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    const calls = sessions.map((sessionId, i) => sut.submit([aMeterValue({ sessionId, measuredAt: `2026-05-21T0${i}:00:00Z` })]));
    const bad = sut.submit([aMeterValue({ sessionId: randomUUID(), powerSource: 'guessed' as never })]);
    await expect(bad).rejects.toBeInstanceOf(TelemetryBatchInvalidError);
    await Promise.all(calls);
    const stored: { n: number; batches: number }[] = await dataSource.query(
      'SELECT count(*)::int AS n, count(DISTINCT received_at)::int AS batches FROM meter_values WHERE session_id = ANY($1)',
      [sessions],
    );
    // received_at is the transaction's now(): the first call went alone, the two queued behind it went together.
    expect(stored[0]).toEqual({ n: 3, batches: 2 });
  });

  it('finds the value at or nearest before an instant, within the neighbour window only', async () => {
    const sessionId = randomUUID();
    await sut.submit([
      aMeterValue({ sessionId, measuredAt: '2026-05-10T10:00:00Z', energyRegisterKwh: '1' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:00:00Z', energyRegisterKwh: '5', powerKw: '7.4' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T11:00:00Z', energyRegisterKwh: '9' }),
    ]);
    expect(await ingest.latestAtOrBefore(sessionId, new Date('2026-05-20T10:30:00Z'))).toEqual({
      measuredAt: new Date('2026-05-20T10:00:00Z'),
      powerKw: '7.400',
      energyRegisterKwh: '5.000000',
    });
    expect((await ingest.latestAtOrBefore(sessionId, new Date('2026-05-20T11:00:00Z')))?.energyRegisterKwh).toBe('9.000000');
    // 2026-05-10 is more than 72 h before: outside the window.
    expect(await ingest.latestAtOrBefore(sessionId, new Date('2026-05-19T10:00:00Z'))).toBeNull();
  });
});
