import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName, runIdempotently } from '@vpp/queues';
import { MarkStaleSessionsUseCase } from '../../application/mark-stale-sessions.use-case';

/** Processes `fleet.mark-stale-sessions`: one conditional UPDATE, once per check instant. */
@Injectable()
export class MarkStaleSessionsProcessor {
  private readonly logger = new Logger(MarkStaleSessionsProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly markStaleSessions: MarkStaleSessionsUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(QueueName.Fleet, JobName.MarkStaleSessions)
  async handle(payload: JobPayload<typeof JobName.MarkStaleSessions>, context: JobContext): Promise<JobOutcome> {
    const checkAt = new Date(payload.checkAt);
    const run = await runIdempotently(this.dataSource, { ...context, idempotencyKey: payload.idempotencyKey }, (manager) =>
      this.markStaleSessions.execute(manager, checkAt, this.config.fleet.staleSessionMinutes),
    );
    if (run.outcome === 'done' && run.result.length > 0) {
      this.logger.log({ msg: 'sessions marked stale', count: run.result.length, checkAt: payload.checkAt, jobId: context.jobId });
    }
    return run.outcome;
  }
}
