import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { isJobName, jobDefinition } from '../catalog/job-catalog';
import { jobIdFromIdempotencyKey } from '../catalog/job-id';
import { QueueProducers } from '../connection/queue-producers';

export interface OutboxRelayOptions {
  readonly pollIntervalMs: number;
  /** Rows claimed per transaction; the claim holds row locks while the jobs are added to Redis. */
  readonly batchSize?: number;
  /** Wait before a row whose publish failed is tried again. */
  readonly retryDelayMs?: number;
}

export interface OutboxBatchResult {
  /** Idempotency keys of the rows handed to BullMQ in this batch. */
  readonly published: string[];
  readonly failed: number;
}

interface ClaimedRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  idempotency_key: string;
}

/**
 * Moves committed outbox rows to BullMQ. Any number of relays may run (one per app): each batch
 * claims rows with `FOR UPDATE SKIP LOCKED`, so a row is handed to one relay at a time. If a
 * relay dies after `add` but before its transaction commits, the row stays unpublished and is
 * added again; the jobId (the idempotency key) makes that second add a no-op while the job
 * exists, and `processed_jobs` makes a rerun of the effect a no-op after it was removed.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producers: QueueProducers,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight, so shutdown never cuts a claim in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Claims and publishes one batch of due rows. */
  async publishBatch(): Promise<OutboxBatchResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, queue, job_name, payload, idempotency_key FROM outbox
         WHERE published_at IS NULL AND available_at <= now()
         ORDER BY available_at, id
         LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      const published: ClaimedRow[] = [];
      let failed = 0;
      for (const row of rows) {
        const error = await this.publish(row);
        if (error === undefined) {
          published.push(row);
        } else {
          failed += 1;
          await this.recordFailure(manager, row, error);
        }
      }
      if (published.length > 0) {
        await manager.query(
          `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
          [published.map((row) => row.id)],
        );
      }
      return { published: published.map((row) => row.idempotency_key), failed };
    });
  }

  private async publish(row: ClaimedRow): Promise<string | undefined> {
    // A row written by a newer release than this relay knows: leave it for a relay that does.
    if (!isJobName(row.job_name)) return `unknown job name ${row.job_name}`;
    const definition = jobDefinition(row.job_name);
    try {
      await this.producers.add(definition.queue, row.job_name, row.payload, {
        ...definition.options,
        jobId: jobIdFromIdempotencyKey(row.idempotency_key),
      });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async recordFailure(manager: EntityManager, row: ClaimedRow, error: string): Promise<void> {
    this.logger.warn({ msg: 'outbox publish failed', outboxId: row.id, queue: row.queue, jobName: row.job_name, error });
    await manager.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
         available_at = now() + make_interval(secs => $3::double precision / 1000)
       WHERE id = $1`,
      [row.id, error.slice(0, 2_000), this.retryDelayMs],
    );
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
  }

  // A full batch means more rows are probably waiting: go again at once instead of sleeping.
  private async tick(): Promise<void> {
    let claimedFullBatch = false;
    try {
      const result = await this.publishBatch();
      claimedFullBatch = result.published.length + result.failed >= this.batchSize;
    } catch (error) {
      this.logger.error({ msg: 'outbox relay batch failed', error: error instanceof Error ? error.message : String(error) });
    }
    this.schedule(claimedFullBatch ? 0 : this.options.pollIntervalMs);
  }
}
