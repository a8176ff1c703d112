import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { violatedUniqueConstraint } from '../../../persistence/src/unique-violation';
import { retentionCutoff, utcDayOf } from '../domain/day-partition';
import { IngestResult, QUARANTINE_REASONS, QuarantineReason, emptyQuarantineCounts } from '../domain/meter-value-input';
import { CREATE_STAGING_SQL, copyIntoStaging } from '../infrastructure/meter-value-copy';
import { MeterValuePartitions } from '../infrastructure/meter-value-partitions';
import { ingestStagedSql } from '../infrastructure/ingest-meter-values.sql';
import { StagedMeterValue, validateMeterValueBatch } from './validate-meter-value-batch';

/** The `telemetry` part of AppConfig. */
export interface TelemetrySettings {
  readonly retentionMonths: number;
  readonly clockSkewSeconds: number;
  readonly powerLimitMarginPct: number;
  readonly neighbourWindowHours: number;
  readonly partitionsAheadDays: number;
}

export type Clock = () => Date;

/**
 * Where the ingest reads "now" (future and retention checks): TelemetryModule binds it to the
 * platform clock (PLATFORM_CLOCK), the wall clock in the apps; a process that ingests a simulated
 * day (the demo) overrides that, or its values would be quarantined as too old.
 */
export interface TelemetryClock {
  now(): Date;
}

export const TELEMETRY_CLOCK = Symbol('TELEMETRY_CLOCK');

/** A stored meter value as adapters that derive a quantity from the previous one need it. */
export interface StoredMeterReading {
  readonly measuredAt: Date;
  readonly powerKw: string;
  readonly energyRegisterKwh: string;
}

interface IngestRow {
  inserted: number;
  quarantine_rows_written: number;
  quarantined: Partial<Record<QuarantineReason, number>>;
}

const NO_PARTITION = /no partition of relation "meter_values" found/;
const INGEST_FAST_SQL = ingestStagedSql('fail');
const INGEST_SKIPPING_SQL = ingestStagedSql('skip');

// A concurrent ingest committed one of this batch's keys between our snapshot and our insert, or
// (rarely, e.g. both waiting on the other's uncommitted quarantine key) a deadlock between two batches.
const DAY_PARTITION_KEY = /^meter_values_p\d{8}_pkey$/;
function isConcurrentIngestRace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fields = (error as { driverError?: { code?: unknown } }).driverError ?? (error as { code?: unknown });
  if (fields.code === '40P01') return true;
  const constraint = violatedUniqueConstraint(error);
  return constraint !== null && DAY_PARTITION_KEY.test(constraint);
}

/**
 * The production path for meter values from every channel (issue 3, item 8): edge check in JS,
 * COPY into a per-connection staging table, then one set-wise statement that quarantines,
 * deduplicates and inserts. Numbers stay decimal text until PostgreSQL casts them.
 */
export class MeterValueIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TelemetrySettings,
    readonly partitions: MeterValuePartitions = new MeterValuePartitions(dataSource),
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** How far from a batch the ingest looks for a session's stored neighbours (TELEMETRY_NEIGHBOUR_WINDOW_HOURS). */
  get neighbourWindowMs(): number {
    return this.settings.neighbourWindowHours * 3_600_000;
  }

  /**
   * The session's stored value at `at` or nearest before it, within the neighbour window: what an
   * adapter deriving power from energy (OCPI) or energy from power (OEM) steps from. A value
   * stored at exactly `at` means the reading is already in (a replay): the caller may skip it.
   */
  async latestAtOrBefore(sessionId: string, at: Date): Promise<StoredMeterReading | null> {
    const from = new Date(at.getTime() - this.settings.neighbourWindowHours * 3_600_000);
    const rows: { measured_at: Date; power_kw: string; energy_register_kwh: string }[] = await this.dataSource.query(
      `SELECT measured_at, power_kw::text AS power_kw, energy_register_kwh::text AS energy_register_kwh
         FROM meter_values WHERE session_id = $1 AND measured_at <= $2 AND measured_at >= $3
        ORDER BY measured_at DESC LIMIT 1`,
      [sessionId, at.toISOString(), from.toISOString()],
    );
    const row = rows[0];
    return row === undefined ? null : { measuredAt: row.measured_at, powerKw: row.power_kw, energyRegisterKwh: row.energy_register_kwh };
  }

  /**
   * Ingests one batch (at most `MAX_BATCH_ROWS`) in one transaction. Throws
   * `TelemetryBatchInvalidError` (code `TELEMETRY_BATCH_INVALID`) before writing anything when a
   * row cannot be keyed or staged; every other problem quarantines the row and is counted.
   */
  async ingestMeterValues(batch: unknown): Promise<IngestResult> {
    const rows = validateMeterValueBatch(batch);
    const now = this.clock();
    const cutoff = retentionCutoff(now, this.settings.retentionMonths);
    if (rows.length === 0) return { received: 0, inserted: 0, duplicates: 0, quarantined: emptyQuarantineCounts() };
    await this.partitions.ensure(this.daysToStore(rows, now, cutoff));
    try {
      return await this.ingestStagedRacing(rows, now, cutoff);
    } catch (error) {
      // Another process dropped a partition this one still believed in: relearn and retry once.
      if (!(error instanceof Error) || !NO_PARTITION.test(error.message)) throw error;
      this.partitions.forget();
      await this.partitions.ensure(this.daysToStore(rows, now, cutoff));
      return this.ingestStagedRacing(rows, now, cutoff);
    }
  }

  // The plain insert first; on a race with a concurrent ingest, the whole batch once more with ON CONFLICT.
  private async ingestStagedRacing(rows: readonly StagedMeterValue[], now: Date, cutoff: Date): Promise<IngestResult> {
    try {
      return await this.ingestStaged(rows, now, cutoff, INGEST_FAST_SQL);
    } catch (error) {
      if (!isConcurrentIngestRace(error)) throw error;
      return this.ingestStaged(rows, now, cutoff, INGEST_SKIPPING_SQL);
    }
  }

  // Only days that can hold accepted values: future and expired ones would be quarantined anyway.
  private daysToStore(rows: readonly StagedMeterValue[], now: Date, cutoff: Date): Set<string> {
    const latestMs = now.getTime() + this.settings.clockSkewSeconds * 1000;
    const days = new Set<string>();
    for (const row of rows) {
      if (row.measuredAtMs > latestMs || row.measuredAtMs < cutoff.getTime()) continue;
      days.add(row.measuredAt.endsWith('Z') ? row.measuredAt.slice(0, 10) : utcDayOf(new Date(row.measuredAtMs)));
    }
    return days;
  }

  private async ingestStaged(rows: readonly StagedMeterValue[], now: Date, cutoff: Date, sql: string): Promise<IngestResult> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      // The unanalysed staging table and ~400 day partitions push the estimate over jit_above_cost:
      // JIT then compiles ~2,000 functions per batch (1.8 s of 2.6 s for 20,000 rows), for nothing.
      // 100,000-row batches: keep the sorts and materialised CTEs in memory instead of temp files.
      // One round trip for the three (no parameters: the simple protocol takes several statements);
      // small batches (an OCPI PATCH's group) pay per round trip.
      await runner.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; ${CREATE_STAGING_SQL}`);
      await copyIntoStaging(client, rows);
      const [result] = (await runner.query(sql, [
        now.toISOString(),
        this.settings.clockSkewSeconds,
        cutoff.toISOString(),
        this.settings.powerLimitMarginPct,
        this.settings.neighbourWindowHours,
      ])) as IngestRow[];
      await runner.commitTransaction();
      return toResult(rows.length, result!);
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function toResult(received: number, row: IngestRow): IngestResult {
  const quarantined = emptyQuarantineCounts();
  let quarantinedTotal = 0;
  for (const reason of QUARANTINE_REASONS) {
    quarantined[reason] = row.quarantined[reason] ?? 0;
    quarantinedTotal += quarantined[reason];
  }
  return { received, inserted: row.inserted, duplicates: received - row.inserted - quarantinedTotal, quarantined };
}
