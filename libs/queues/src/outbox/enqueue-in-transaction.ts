import type { EntityManager } from 'typeorm';
import { JobRequest, jobDefinition } from '../catalog/job-catalog';
import { payloadIssues } from '../catalog/job-definition';
import { InvalidJobPayloadError } from '../queues.errors';

export type EnqueueResult = 'enqueued' | 'duplicate';

/**
 * Records a job in the outbox inside the caller's transaction (`manager` must belong to it).
 * The job reaches BullMQ only if that transaction commits; the outbox relay publishes it.
 * A second request with the same idempotency key is a no-op and returns 'duplicate'.
 *
 * @throws InvalidJobPayloadError when the payload does not match the catalog schema.
 */
export async function enqueueInTransaction(manager: EntityManager, job: JobRequest): Promise<EnqueueResult> {
  const definition = jobDefinition(job.name);
  const parsed = definition.schema.safeParse(job.payload);
  if (!parsed.success) {
    throw new InvalidJobPayloadError(job.name, payloadIssues(parsed.error));
  }
  const payload = parsed.data;
  const delayMs = job.delayMs ?? 0;
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox (queue, job_name, payload, idempotency_key, correlation_id, available_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::double precision / 1000))
     ON CONFLICT ON CONSTRAINT uq_outbox_idempotency_key DO NOTHING
     RETURNING id`,
    [definition.queue, job.name, JSON.stringify(payload), payload.idempotencyKey, payload.correlationId, delayMs],
  );
  return rows.length === 1 ? 'enqueued' : 'duplicate';
}
