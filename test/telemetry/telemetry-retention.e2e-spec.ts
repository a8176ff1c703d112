import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';
import { TEST_DATABASE_URL } from '@vpp/testing';
import { ApplyTelemetryRetentionUseCase, MeterValueIngestService, MeterValuePartitions } from '@vpp/telemetry';
import { TEST_SETTINGS, aMeterValue, storedRegisters } from './telemetry-test-kit';

// A database of its own: dropping partitions in the shared vpp_test would pull days away from
// other test files while they run.
const RETENTION_DATABASE_URL = TEST_DATABASE_URL.replace(/\/vpp_test$/, '/vpp_test_telemetry_retention');

describe(ApplyTelemetryRetentionUseCase.name, () => {
  let dataSource: DataSource;
  let partitions: MeterValuePartitions;

  beforeAll(async () => {
    await ensureDatabase(RETENTION_DATABASE_URL);
    dataSource = createDataSource(loadConfig({ DATABASE_URL: RETENTION_DATABASE_URL }), { poolSize: 2 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    partitions = new MeterValuePartitions(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('drops only whole day partitions older than the cut-off and ingest then refuses those days', async () => {
    const sessionId = randomUUID();
    // Written while these days were still within retention (a year earlier).
    const lastYear = new MeterValueIngestService(dataSource, TEST_SETTINGS, partitions, () => new Date('2025-06-01T00:00:00Z'));
    await lastYear.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2025-04-29T12:00:00Z', energyRegisterKwh: '1' }),
      aMeterValue({ sessionId, measuredAt: '2025-04-30T23:59:59Z', energyRegisterKwh: '2' }),
      aMeterValue({ sessionId, measuredAt: '2025-05-01T00:00:00Z', energyRegisterKwh: '3' }),
      aMeterValue({ sessionId, measuredAt: '2025-05-02T08:00:00Z', energyRegisterKwh: '4' }),
    ]);
    await dataSource.query(
      `INSERT INTO meter_value_quarantine (session_id, measured_at, power_kw_raw, energy_register_kwh_raw, source, reason, received_at)
       VALUES ($1, '2025-04-29T13:00:00Z', 'x', '1', 'ocpi', 'malformed_number', '2025-04-29T13:00:05Z'),
              ($1, '2025-05-03T13:00:00Z', 'y', '1', 'ocpi', 'malformed_number', '2025-05-03T13:00:05Z')`,
      [sessionId],
    );
    // A session whose every value lies in the dropped days.
    const goneSessionId = randomUUID();
    await lastYear.ingestMeterValues([aMeterValue({ sessionId: goneSessionId, measuredAt: '2025-04-29T12:00:00Z', energyRegisterKwh: '9' })]);
    const sut = new ApplyTelemetryRetentionUseCase(dataSource, partitions);

    // 13 months before 2026-06-01T12:00Z: cut-off 2025-05-01T00:00Z.
    const outcome = await sut.execute(new Date('2026-06-01T12:00:00Z'), 13);
    const rerun = await sut.execute(new Date('2026-06-01T12:00:00Z'), 13);

    expect(outcome.cutoff.toISOString()).toBe('2025-05-01T00:00:00.000Z');
    expect(outcome.droppedDays).toEqual(expect.arrayContaining(['2025-04-29', '2025-04-30']));
    expect(outcome.droppedDays).not.toContain('2025-05-01');
    expect(outcome.quarantineRowsDeleted).toBeGreaterThanOrEqual(1);
    expect(rerun.droppedDays).toEqual([]);
    expect(await storedRegisters(dataSource, sessionId)).toEqual(['2025-05-01T00:00:00.000Z 3.000000', '2025-05-02T08:00:00.000Z 4.000000']);
    const keptQuarantine: { power_kw_raw: string }[] = await dataSource.query(
      'SELECT power_kw_raw FROM meter_value_quarantine WHERE session_id = $1',
      [sessionId],
    );
    expect(keptQuarantine).toEqual([{ power_kw_raw: 'y' }]);
    const sessionState: { session_id: string }[] = await dataSource.query(
      'SELECT session_id FROM meter_value_session_state WHERE session_id = ANY($1)',
      [[sessionId, goneSessionId]],
    );
    expect(sessionState).toEqual([{ session_id: sessionId }]);
    const days = (await partitions.list()).map((p) => p.day);
    expect(days).not.toContain('2025-04-30');
    expect(days).toContain('2025-05-01');

    // A late value for a dropped day is quarantined, not written into a re-created partition.
    const now = new MeterValueIngestService(dataSource, TEST_SETTINGS, partitions, () => new Date('2026-06-01T12:00:00Z'));
    const late = await now.ingestMeterValues([aMeterValue({ sessionId, measuredAt: '2025-04-30T10:00:00Z', energyRegisterKwh: '1.5' })]);
    expect(late.quarantined.older_than_retention).toBe(1);
    expect((await partitions.list()).map((p) => p.day)).not.toContain('2025-04-30');
  });
});
