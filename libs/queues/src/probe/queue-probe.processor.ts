import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobPayload } from '../catalog/job-catalog';
import { QueueName } from '../catalog/queue-name';
import { runIdempotently } from '../idempotency/run-idempotently';
import type { JobContext, JobOutcome } from '../processing/job-context';
import { JobHandler } from '../processing/job-handler.decorator';
import { CompleteQueueProbeUseCase } from './complete-queue-probe.use-case';
import { QueueProbeEntity } from './queue-probe.entity';

/** Processes the `platform` queue's probe job; the payload arrives validated by the dispatcher. */
@Injectable()
export class QueueProbeProcessor {
  private readonly logger = new Logger(QueueProbeProcessor.name);
  private readonly completeQueueProbe = new CompleteQueueProbeUseCase();

  constructor(private readonly dataSource: DataSource) {}

  @JobHandler(QueueName.Platform, JobName.CompleteQueueProbe)
  async complete(payload: JobPayload<typeof JobName.CompleteQueueProbe>, context: JobContext): Promise<JobOutcome> {
    const probe = await this.dataSource.getRepository(QueueProbeEntity).findOneBy({ id: payload.probeId });
    if (probe === null) {
      // Nothing to do: the probe was never committed or has been cleaned up.
      this.logger.warn({ msg: 'queue probe not found', probeId: payload.probeId, jobId: context.jobId });
      return 'skipped';
    }
    if (probe.processedAt !== null) return 'skipped';
    const run = await runIdempotently(this.dataSource, { ...context, idempotencyKey: payload.idempotencyKey }, (manager) =>
      this.completeQueueProbe.execute(manager, probe.id),
    );
    return run.outcome;
  }
}
