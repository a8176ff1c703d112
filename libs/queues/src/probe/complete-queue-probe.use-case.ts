import type { EntityManager } from 'typeorm';

/** Records that a probe's job ran. Called inside `runIdempotently`, so once per probe job. */
export class CompleteQueueProbeUseCase {
  async execute(manager: EntityManager, probeId: string): Promise<void> {
    await manager.query(
      `UPDATE queue_probes SET processed_count = processed_count + 1, processed_at = now() WHERE id = $1`,
      [probeId],
    );
  }
}
