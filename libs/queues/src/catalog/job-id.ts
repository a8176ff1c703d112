import { idempotencyKeySchema } from './job-envelope';

/**
 * The BullMQ jobId of a job: its idempotency key. Deterministic, so a second add of the same
 * logical job (a relay retry after a crash, a duplicate request) is absorbed by BullMQ while the
 * first job still exists. The key schema already excludes ':' and integers.
 */
export function jobIdFromIdempotencyKey(idempotencyKey: string): string {
  return idempotencyKeySchema.parse(idempotencyKey);
}
