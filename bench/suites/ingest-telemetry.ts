import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { MeterValueIngestService, MeterValueInput, MeterValuePartitions, QUARANTINE_REASONS } from '@vpp/telemetry';
import { BenchCase, BenchOptions, BenchResult, peakRssMb } from '../bench-case';
import { scratchDatabaseUrl } from '../scratch-database';
import { TELEMETRY_ROWS_SOURCE, TelemetryRowSource } from '../telemetry-rows';

// Batches as big as one call allows (MAX_BATCH_ROWS): planning and per-statement costs are per batch.
const ROWS_PER_BATCH = 100_000;

function elapsedMs(started: bigint): number {
  return Number.parseInt((process.hrtime.bigint() - started).toString(), 10) / 1e6;
}

function rawCopyText(rows: readonly MeterValueInput[]): string {
  let text = '';
  for (const r of rows) text += `${r.sessionId}\t${r.measuredAt}\t${r.powerKw}\t${r.energyRegisterKwh}\t\\N\t${r.source}\n`;
  return text;
}

/**
 * 2,000,000 meter values for 100,000 sessions through `ingestMeterValues` (the production path),
 * and the same rows by plain COPY into an unindexed scratch table with the same column types, in
 * the same run, batch by batch, interleaved. Generating rows is not timed; memory holds one batch.
 */
async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const sessions = options.sessions ?? 100_000;
  const rowsPerSession = Math.max(2, Math.round((options.rows ?? 2_000_000) / sessions));
  const sessionsPerBatch = Math.max(1, Math.floor(ROWS_PER_BATCH / rowsPerSession));
  // Slow-query warnings would interleave with the JSON lines on stdout.
  const config = loadConfig({ LOG_LEVEL: 'error' });
  const url = await scratchDatabaseUrl('vpp_bench', { migrate: false });
  const dataSource = createDataSource(config, { url, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`CREATE TABLE bench_raw_copy (session_id uuid NOT NULL, measured_at timestamptz NOT NULL,
    power_kw numeric(14,3) NOT NULL, energy_register_kwh numeric(19,6) NOT NULL, soc_pct numeric(5,2), source varchar(8) NOT NULL)`);
  const raw = new Client({ connectionString: url });
  await raw.connect();
  const source = new TelemetryRowSource(config.dataDir, new Date());
  const sut = new MeterValueIngestService(dataSource, config.telemetry, new MeterValuePartitions(dataSource));
  let ingestMs = 0;
  let copyMs = 0;
  let total = 0;
  let inserted = 0;
  const quarantined = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, 0])) as Record<string, number>;
  try {
    for (let first = 0; first < sessions; first += sessionsPerBatch) {
      const rows = source.batch(first, Math.min(sessionsPerBatch, sessions - first), rowsPerSession);
      let started = process.hrtime.bigint();
      const result = await sut.ingestMeterValues(rows);
      ingestMs += elapsedMs(started);
      const text = rawCopyText(rows);
      started = process.hrtime.bigint();
      await pipeline(Readable.from([text]), raw.query(copyFrom('COPY bench_raw_copy FROM STDIN')));
      copyMs += elapsedMs(started);
      total += rows.length;
      inserted += result.inserted;
      for (const reason of QUARANTINE_REASONS) quarantined[reason]! += result.quarantined[reason];
      if ((first / sessionsPerBatch) % 2 === 0) process.stderr.write(`ingest telemetry: ${total} rows\n`);
    }
  } finally {
    await raw.end();
    await dataSource.destroy();
  }
  const data = `${rowsPerSession} values per session, DERIVED from ${source.realSessions} real ElaadNL sessions (${TELEMETRY_ROWS_SOURCE}): uncontrolled charging at observed max power`;
  emit({ metric: 'rows_per_s', value: Math.round(total / (ingestMs / 1000)), unit: 'rows/s', reference: 'raw_copy', reference_value: Math.round(total / (copyMs / 1000)) });
  emit({ metric: 'ratio_to_raw_copy', value: Math.round((copyMs / ingestMs) * 1000) / 1000, unit: 'ratio', reference: 'raw_copy', reference_value: 1 });
  emit({ metric: 'rows', value: total, unit: 'rows', sessions, data });
  emit({ metric: 'inserted', value: inserted, unit: 'rows' });
  emit({ metric: 'quarantined', value: total - inserted, unit: 'rows', ...quarantined });
  emit({ metric: 'peak_rss_mb', value: peakRssMb(), unit: 'MB' });
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'ingest', name: 'telemetry', run }];
