import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { JobName } from '../catalog/job-catalog';
import { buildIdempotencyKey } from '../catalog/job-envelope';
import { enqueueInTransaction } from '../outbox/enqueue-in-transaction';

export interface RequestQueueProbeCommand {
  /** The app or tool asking, e.g. `demo`, `api`. */
  readonly requestedBy: string;
  readonly correlationId: string;
}

/**
 * Creates a probe and its `platform.complete-queue-probe` job in the caller's transaction. Once
 * the transaction commits, the relay publishes the job and the owning worker marks the probe
 * processed: `processed_count = 1` proves the whole pipeline, more than 1 a duplicate effect.
 */
export class RequestQueueProbeUseCase {
  async execute(manager: EntityManager, command: RequestQueueProbeCommand): Promise<{ probeId: string }> {
    const probeId = randomUUID();
    await manager.query(`INSERT INTO queue_probes (id, requested_by) VALUES ($1, $2)`, [probeId, command.requestedBy]);
    await enqueueInTransaction(manager, {
      name: JobName.CompleteQueueProbe,
      payload: {
        schemaVersion: 1,
        correlationId: command.correlationId,
        idempotencyKey: buildIdempotencyKey('queue-probe', probeId),
        probeId,
      },
    });
    return { probeId };
  }
}
