import type { EntityManager } from 'typeorm';
import { buildIdempotencyKey, EnqueueResult, enqueueInTransaction, JobName } from '@vpp/queues';

/**
 * Enqueues `connector.pull-ocpi-party` in the caller's transaction. `occasion` makes the
 * idempotency key: the scheduler's interval bucket (every replica offering the same bucket adds
 * one job) or the registration instant (one pull right after each registration).
 */
export function enqueuePartyPull(manager: EntityManager, ocpiPartyId: string, occasion: string, delayMs = 0): Promise<EnqueueResult> {
  const idempotencyKey = buildIdempotencyKey('ocpi-pull', ocpiPartyId, occasion);
  return enqueueInTransaction(manager, {
    name: JobName.PullOcpiParty,
    payload: { schemaVersion: 1, correlationId: idempotencyKey, idempotencyKey, ocpiPartyId },
    delayMs,
  });
}
