import type { DataSource, EntityManager } from 'typeorm';
import type { QueueName } from '../catalog/queue-name';

/** What identifies one logical job for deduplication: its queue and idempotency key. */
export interface IdempotentJobRef {
  readonly queue: QueueName;
  readonly jobName: string;
  readonly idempotencyKey: string;
  /** The BullMQ job id of this delivery, kept for tracing. */
  readonly jobId: string;
}

export type IdempotentRunResult<T> = { readonly outcome: 'done'; readonly result: T } | { readonly outcome: 'skipped' };

/**
 * Runs `effect` at most once per (queue, idempotency key), however often the job is delivered.
 * One transaction: insert the `processed_jobs` row, run the effect with that transaction's
 * manager, commit. If the row exists, the effect already committed: return 'skipped'.
 *
 * Two concurrent deliveries serialise on the primary key: the second insert waits for the first
 * transaction, then either finds the row (skipped) or, if the first rolled back, runs the effect.
 * Everything the effect writes must go through `manager`, or it escapes the guarantee.
 */
export async function runIdempotently<T>(
  dataSource: DataSource,
  job: IdempotentJobRef,
  effect: (manager: EntityManager) => Promise<T>,
): Promise<IdempotentRunResult<T>> {
  return dataSource.transaction(async (manager): Promise<IdempotentRunResult<T>> => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO processed_jobs (queue, idempotency_key, job_name, job_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT pk_processed_jobs DO NOTHING
       RETURNING 1`,
      [job.queue, job.idempotencyKey, job.jobName, job.jobId],
    );
    if (inserted.length === 0) return { outcome: 'skipped' };
    return { outcome: 'done', result: await effect(manager) };
  });
}
