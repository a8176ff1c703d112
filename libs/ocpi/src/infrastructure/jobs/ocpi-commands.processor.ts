import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName, runIdempotently } from '@vpp/queues';
import { ExpireChargingProfileUseCase } from '../../application/expire-charging-profile.use-case';
import { SendChargingProfileUseCase } from '../../application/send-charging-profile.use-case';

/** The `connector` queue's OCPI jobs: send a recorded SetChargingProfile, expire one without result. */
@Injectable()
export class OcpiCommandsProcessor {
  private readonly logger = new Logger(OcpiCommandsProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly send: SendChargingProfileUseCase,
    private readonly expire: ExpireChargingProfileUseCase,
  ) {}

  // Not wrapped in runIdempotently: the HTTP call must not sit inside a transaction. The command's
  // own status (recorded|sent) is the idempotency guard, and the request id makes a resend recognisable.
  @JobHandler(QueueName.Connector, JobName.SendChargingProfile)
  async sendChargingProfile(payload: JobPayload<typeof JobName.SendChargingProfile>, context: JobContext): Promise<JobOutcome> {
    const outcome = await this.send.execute(payload.commandId).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'EntityNotFoundError') throw new UnrecoverableError(error.message);
      throw error;
    });
    this.logger.log({ msg: 'charging profile command', outcome, commandId: payload.commandId, jobId: context.jobId, attempt: context.attempt });
    return outcome === 'sent' ? 'done' : 'skipped';
  }

  @JobHandler(QueueName.Connector, JobName.ExpireChargingProfile)
  async expireChargingProfile(payload: JobPayload<typeof JobName.ExpireChargingProfile>, context: JobContext): Promise<JobOutcome> {
    const run = await runIdempotently(this.dataSource, { ...context, idempotencyKey: payload.idempotencyKey }, (manager) =>
      this.expire.execute(manager, payload.commandId),
    );
    if (run.outcome === 'done' && run.result) this.logger.warn({ msg: 'charging profile timed out', commandId: payload.commandId, jobId: context.jobId });
    return run.outcome;
  }
}
