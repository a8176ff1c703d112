import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { MeterValueIngestService, MeterValueInput, MeterValuePartitions, TelemetryBatchInvalidError } from '@vpp/telemetry';
import { TEST_NOW, TEST_SETTINGS, aMeterValue, quarantined, storedRegisters } from './telemetry-test-kit';

describe(MeterValueIngestService.name, () => {
  let dataSource: DataSource;
  let sut: MeterValueIngestService;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 3 });
    await dataSource.initialize();
    sut = new MeterValueIngestService(dataSource, TEST_SETTINGS, new MeterValuePartitions(dataSource), () => TEST_NOW);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores a batch once: re-sending it is counted as duplicates and changes nothing', async () => {
    const sessionId = randomUUID();
    const batch = [
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:00:00Z', energyRegisterKwh: '100.5' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:15:00Z', energyRegisterKwh: '102.35' }),
      // Repeated within the batch: the first occurrence wins.
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:15:00Z', energyRegisterKwh: '102.35' }),
    ];

    const first = await sut.ingestMeterValues(batch);
    const second = await sut.ingestMeterValues(batch);

    expect(first).toMatchObject({ received: 3, inserted: 2, duplicates: 1 });
    expect(second).toMatchObject({ received: 3, inserted: 0, duplicates: 3 });
    expect(await storedRegisters(dataSource, sessionId)).toEqual([
      '2026-05-20T10:00:00.000Z 100.500000',
      '2026-05-20T10:15:00.000Z 102.350000',
    ]);
  });

  it('accepts late and out-of-order values that fit between their stored neighbours', async () => {
    const sessionId = randomUUID();
    await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:30:00Z', energyRegisterKwh: '13' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:00:00Z', energyRegisterKwh: '10' }),
    ]);

    // A day late, in reverse order, in between the stored values.
    const late = await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:20:00Z', energyRegisterKwh: '12' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:10:00Z', energyRegisterKwh: '11' }),
    ]);

    expect(late).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(await storedRegisters(dataSource, sessionId)).toEqual([
      '2026-05-20T10:00:00.000Z 10.000000',
      '2026-05-20T10:10:00.000Z 11.000000',
      '2026-05-20T10:20:00.000Z 12.000000',
      '2026-05-20T10:30:00.000Z 13.000000',
    ]);
  });

  it('quarantines each impossible value with its reason and raw text', async () => {
    const sessionId = randomUUID();
    await sut.ingestMeterValues([aMeterValue({ sessionId, measuredAt: '2026-05-21T08:00:00Z', energyRegisterKwh: '50' })]);

    const result = await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-21T08:01:00Z', powerKw: '12,5' }),
      // TEST_NOW is 12:00:00Z; the skew allowance is 120 s.
      aMeterValue({ sessionId, measuredAt: '2026-06-01T12:03:00Z', energyRegisterKwh: '60' }),
      // 13 months before 2026-06-01 is 2025-05-01.
      aMeterValue({ sessionId, measuredAt: '2025-04-30T23:59:59Z', energyRegisterKwh: '1' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-21T08:03:00Z', energyRegisterKwh: '51', socPct: '100.5' }),
      // 12.2 kW > 11 kW x 1.10 = 12.1 kW
      aMeterValue({ sessionId, measuredAt: '2026-05-21T08:04:00Z', energyRegisterKwh: '52', powerKw: '12.2', evseMaxPowerKw: '11' }),
      // Below the stored 50 kWh at 08:00.
      aMeterValue({ sessionId, measuredAt: '2026-05-21T08:05:00Z', energyRegisterKwh: '49.999' }),
      // Discharging within the limit is fine: |−12.1| <= 12.1.
      aMeterValue({ sessionId, measuredAt: '2026-05-21T08:06:00Z', energyRegisterKwh: '53', powerKw: '-12.1', evseMaxPowerKw: '11' }),
    ]);

    expect(result).toEqual({
      received: 7,
      inserted: 1,
      duplicates: 0,
      quarantined: {
        malformed_number: 1,
        future_timestamp: 1,
        older_than_retention: 1,
        soc_out_of_range: 1,
        power_above_limit: 1,
        negative_energy_step: 1,
      },
    });
    expect(await quarantined(dataSource, sessionId)).toEqual([
      { reason: 'older_than_retention', power_kw_raw: '7.400', energy_register_kwh_raw: '1' },
      { reason: 'malformed_number', power_kw_raw: '12,5', energy_register_kwh_raw: '100.000' },
      { reason: 'soc_out_of_range', power_kw_raw: '7.400', energy_register_kwh_raw: '51' },
      { reason: 'power_above_limit', power_kw_raw: '12.2', energy_register_kwh_raw: '52' },
      { reason: 'negative_energy_step', power_kw_raw: '7.400', energy_register_kwh_raw: '49.999' },
      { reason: 'future_timestamp', power_kw_raw: '7.400', energy_register_kwh_raw: '60' },
    ]);
  });

  it('quarantines decimal text that is not a plain decimal or has too many digits, field by field', async () => {
    const sessionId = randomUUID();
    const at = (minute: number): string => `2026-05-23T08:${String(minute).padStart(2, '0')}:00Z`;
    const fields = (minute: number, overrides: Partial<MeterValueInput>): MeterValueInput =>
      aMeterValue({ sessionId, measuredAt: at(minute), energyRegisterKwh: String(minute), ...overrides });

    const result = await sut.ingestMeterValues([
      fields(1, { socPct: '' }),
      fields(2, { socPct: '5;5' }),
      fields(3, { powerKw: '1;2' }),
      fields(4, { evseMaxPowerKw: '-11' }),
      fields(5, { energyRegisterKwh: '-5' }),
      fields(6, { energyRegisterKwh: '0000000000005' }),
      fields(7, { powerKw: '1.000000000000000000001' }),
      fields(8, { powerKw: '-12345678901' }),
      fields(9, { socPct: '1e2' }),
      fields(10, { powerKw: '.5' }),
      fields(11, { evseMaxPowerKw: '11.' }),
      // Accepted: the widest allowed shapes and the optional fields left out.
      fields(12, { powerKw: '-0000000001.00000000000000000001', socPct: '-000000.0', evseMaxPowerKw: '0000000022' }),
      fields(13, { energyRegisterKwh: '000000000013.000000', socPct: null, evseMaxPowerKw: null }),
    ]);

    expect(result).toMatchObject({ received: 13, inserted: 2, quarantined: expect.objectContaining({ malformed_number: 11 }) });
    expect(await storedRegisters(dataSource, sessionId)).toEqual(['2026-05-23T08:12:00.000Z 12.000000', '2026-05-23T08:13:00.000Z 13.000000']);
  });

  it('counts a key that a concurrent ingest commits first as a duplicate, not as an error', async () => {
    const sessionId = randomUUID();
    const contested = aMeterValue({ sessionId, measuredAt: '2026-05-24T09:00:00Z', energyRegisterKwh: '5' });
    const other = aMeterValue({ sessionId, measuredAt: '2026-05-24T09:15:00Z', energyRegisterKwh: '6' });
    await sut.ingestMeterValues([aMeterValue({ sessionId, measuredAt: '2026-05-24T08:00:00Z', energyRegisterKwh: '4' })]);
    const rival = dataSource.createQueryRunner();
    await rival.connect();
    try {
      await rival.startTransaction();
      await rival.query(
        `INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, soc_pct, source) VALUES ($1, $2, 7.4, 5, 50, 'ocpp')`,
        [sessionId, contested.measuredAt],
      );
      const rivalPid = ((await rival.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid;

      const ingest = sut.ingestMeterValues([contested, other]);
      // Commit the rival only once the ingest waits for its uncommitted key (the race to retry).
      let waiting = false;
      for (let probe = 0; probe < 500 && !waiting; probe += 1) {
        const blocked: unknown[] = await dataSource.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [rivalPid]);
        waiting = blocked.length > 0;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await rival.commitTransaction();

      expect(waiting).toBe(true);
      expect(await ingest).toMatchObject({ received: 2, inserted: 1, duplicates: 1 });
    } finally {
      if (rival.isTransactionActive) await rival.rollbackTransaction();
      await rival.release();
    }
    expect(await storedRegisters(dataSource, sessionId)).toEqual([
      '2026-05-24T08:00:00.000Z 4.000000',
      '2026-05-24T09:00:00.000Z 5.000000',
      '2026-05-24T09:15:00.000Z 6.000000',
    ]);
  });

  it('checks in-order values against the latest stored one, and ignores stored values beyond the window', async () => {
    const sessionId = randomUUID();
    await sut.ingestMeterValues([aMeterValue({ sessionId, measuredAt: '2026-05-10T10:00:00Z', energyRegisterKwh: '500' })]);
    // Stored 05-10 is more than 72 h before these: not a neighbour.
    await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-25T10:00:00Z', energyRegisterKwh: '20' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-25T11:00:00Z', energyRegisterKwh: '30' }),
    ]);

    const next = await sut.ingestMeterValues([
      // After everything stored: the latest stored value (30 at 11:00) is the earlier neighbour.
      aMeterValue({ sessionId, measuredAt: '2026-05-25T12:00:00Z', energyRegisterKwh: '29.999' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-25T13:00:00Z', energyRegisterKwh: '31' }),
    ]);
    // Out of order (before stored values), so the partitions are probed: 05-10 and 05-25 both lie
    // more than 72 h away, so neither is a neighbour and 6 < 500 is accepted.
    const early = await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-20T10:00:00Z', energyRegisterKwh: '6' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-20T11:00:00Z', energyRegisterKwh: '7' }),
    ]);

    expect(next).toMatchObject({ inserted: 1, quarantined: expect.objectContaining({ negative_energy_step: 1 }) });
    expect(early).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(await storedRegisters(dataSource, sessionId)).toEqual([
      '2026-05-10T10:00:00.000Z 500.000000',
      '2026-05-20T10:00:00.000Z 6.000000',
      '2026-05-20T11:00:00.000Z 7.000000',
      '2026-05-25T10:00:00.000Z 20.000000',
      '2026-05-25T11:00:00.000Z 30.000000',
      '2026-05-25T13:00:00.000Z 31.000000',
    ]);
  });

  it('quarantines a late value that exceeds the next stored register, and a drop within one batch', async () => {
    const sessionId = randomUUID();
    await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-22T10:00:00Z', energyRegisterKwh: '10' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-22T11:00:00Z', energyRegisterKwh: '20' }),
    ]);

    const result = await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2026-05-22T10:30:00Z', energyRegisterKwh: '25' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-22T12:00:00Z', energyRegisterKwh: '30' }),
      aMeterValue({ sessionId, measuredAt: '2026-05-22T12:10:00Z', energyRegisterKwh: '29' }),
    ]);

    expect(result).toMatchObject({ inserted: 1, quarantined: expect.objectContaining({ negative_energy_step: 2 }) });
    expect((await quarantined(dataSource, sessionId)).map((row) => row.energy_register_kwh_raw)).toEqual(['25', '29']);
  });

  it('creates UTC day partitions on demand across the DST switch and the year end', async () => {
    const sessionId = randomUUID();
    const dstSession = randomUUID();
    // Europe/Amsterdam switched to summer time at 2026-03-29T01:00Z; at the year end, UTC and
    // local days differ by an hour. Partitions follow the UTC day of the instant.
    const result = await sut.ingestMeterValues([
      aMeterValue({ sessionId, measuredAt: '2025-12-31T23:59:59.999999Z', energyRegisterKwh: '1' }),
      aMeterValue({ sessionId, measuredAt: '2026-01-01T00:00:00+01:00', energyRegisterKwh: '0.5' }),
      aMeterValue({ sessionId, measuredAt: '2026-01-01T00:00:00Z', energyRegisterKwh: '2' }),
      aMeterValue({ sessionId: dstSession, measuredAt: '2026-03-29T00:59:00Z', energyRegisterKwh: '1' }),
      aMeterValue({ sessionId: dstSession, measuredAt: '2026-03-29T03:00:00+02:00', energyRegisterKwh: '2' }),
      aMeterValue({ sessionId: dstSession, measuredAt: '2026-03-29T23:30:00Z', energyRegisterKwh: '3' }),
    ]);

    expect(result).toMatchObject({ inserted: 6, duplicates: 0 });
    const placed: { partition: string; measured_at: Date }[] = await dataSource.query(
      `SELECT tableoid::regclass::text AS partition, measured_at FROM meter_values WHERE session_id = ANY($1) ORDER BY measured_at`,
      [[sessionId, dstSession]],
    );
    expect(placed.map((row) => `${row.partition} ${row.measured_at.toISOString()}`)).toEqual([
      'meter_values_p20251231 2025-12-31T23:00:00.000Z',
      'meter_values_p20251231 2025-12-31T23:59:59.999Z',
      'meter_values_p20260101 2026-01-01T00:00:00.000Z',
      'meter_values_p20260329 2026-03-29T00:59:00.000Z',
      'meter_values_p20260329 2026-03-29T01:00:00.000Z',
      'meter_values_p20260329 2026-03-29T23:30:00.000Z',
    ]);
  });

  it('rejects a batch with malformed rows with a clear error and writes nothing of it', async () => {
    const sessionId = randomUUID();
    // A day no other test uses, so "no partition" is meaningful.
    const good = aMeterValue({ sessionId, measuredAt: '2025-07-19T10:00:00Z' });
    const batch: unknown[] = [
      good,
      { ...aMeterValue({ sessionId, measuredAt: '2025-07-19T10:01:00Z' }), powerKw: 7.4 },
      aMeterValue({ sessionId: 'CPO-123', measuredAt: '2025-07-19T10:02:00Z' }),
      aMeterValue({ sessionId, measuredAt: '2025-02-30T10:00:00Z' }),
      aMeterValue({ sessionId, measuredAt: '2025-07-19T10:04:00', powerKw: '12,5' }),
    ];

    const attempt = sut.ingestMeterValues(batch);

    await expect(attempt).rejects.toBeInstanceOf(TelemetryBatchInvalidError);
    await expect(attempt).rejects.toMatchObject({
      code: 'TELEMETRY_BATCH_INVALID',
      problems: [
        { index: 1, field: 'powerKw', message: 'must be a decimal string, got number' },
        { index: 2, field: 'sessionId', message: 'must be a uuid' },
        { index: 3, field: 'measuredAt', message: 'must be an ISO-8601 instant with Z or an offset' },
        { index: 4, field: 'measuredAt', message: 'must be an ISO-8601 instant with Z or an offset' },
      ],
    });
    expect(await storedRegisters(dataSource, sessionId)).toEqual([]);
    expect(await quarantined(dataSource, sessionId)).toEqual([]);
    const partitions = await dataSource.query(`SELECT 1 FROM pg_class WHERE relname = 'meter_values_p20250719'`);
    expect(partitions).toEqual([]);
  });

  it('rejects what is not a batch at all', async () => {
    await expect(sut.ingestMeterValues({ sessionId: randomUUID() })).rejects.toMatchObject({ code: 'TELEMETRY_BATCH_INVALID' });
  });
});
