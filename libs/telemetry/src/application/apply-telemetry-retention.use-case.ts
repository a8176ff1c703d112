import type { DataSource } from 'typeorm';
import { retentionCutoff } from '../domain/day-partition';
import type { MeterValuePartitions } from '../infrastructure/meter-value-partitions';

export interface RetentionOutcome {
  readonly cutoff: Date;
  readonly droppedDays: readonly string[];
  readonly quarantineRowsDeleted: number;
}

/**
 * Deletes raw telemetry older than the retention setting (issue 3, item 7): whole day
 * partitions of `meter_values` that end at or before the cut-off, and quarantined raw values
 * received before it. Settlement aggregates live in other tables (per session and ISP, filled
 * by settlement from these rows before they expire) and are never touched here. Naturally
 * idempotent: a rerun finds nothing older left to drop.
 */
export class ApplyTelemetryRetentionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partitions: MeterValuePartitions,
  ) {}

  async execute(now: Date, retentionMonths: number): Promise<RetentionOutcome> {
    const cutoff = retentionCutoff(now, retentionMonths);
    const droppedDays = await this.partitions.dropEndingBefore(cutoff);
    const deleted: unknown[] = await this.dataSource.query(
      'DELETE FROM meter_value_quarantine WHERE received_at < $1 RETURNING 1',
      [cutoff.toISOString()],
    );
    // Sessions whose every value was in the dropped days have nothing stored any more.
    await this.dataSource.query('DELETE FROM meter_value_session_state WHERE last_measured_at < $1', [cutoff.toISOString()]);
    return { cutoff, droppedDays, quarantineRowsDeleted: deleted.length };
  }
}
