import type { MeterValueInput } from '../domain/meter-value-input';
import type { MeterValueIngestService } from './meter-value-ingest.service';
import { MAX_BATCH_ROWS, validateMeterValueBatch } from './validate-meter-value-batch';

interface Waiting {
  readonly rows: readonly MeterValueInput[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for adapters that hand over a few meter values per request (an OCPI Session PATCH,
 * an OEM state): calls that arrive while a batch is being written wait and go together in the next
 * one, so 50 concurrent PATCHes cost a few ingest statements, not 50. Each call resolves only once
 * the batch holding its rows has committed (nothing is acknowledged before it is stored) and
 * rejects if that batch failed. A call's rows are checked on their own first, so one caller's bad
 * rows (`TelemetryBatchInvalidError`) never fail another caller's.
 */
export class MeterValueGroupIngest {
  private readonly queue: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly ingest: MeterValueIngestService) {}

  submit(rows: readonly MeterValueInput[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    try {
      validateMeterValueBatch(rows);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (this.draining === null) this.draining = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group: Waiting[] = [];
      let size = 0;
      while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.rows.length <= MAX_BATCH_ROWS)) {
        const next = this.queue.shift()!;
        group.push(next);
        size += next.rows.length;
      }
      try {
        await this.ingest.ingestMeterValues(group.flatMap((waiting) => waiting.rows));
        for (const waiting of group) waiting.resolve();
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.draining = null;
  }
}
