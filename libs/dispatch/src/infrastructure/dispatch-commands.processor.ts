import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { SendDispatchBatchUseCase } from '../application/send-dispatch-batch.use-case';

/** The `dispatch-commands` queue: one job per channel and party batch of the real-time loop. */
@Injectable()
export class DispatchCommandsProcessor {
  private readonly logger = new Logger(DispatchCommandsProcessor.name);

  constructor(private readonly send: SendDispatchBatchUseCase) {}

  // Not in runIdempotently: channel calls must not sit inside a transaction. Each command's status
  // ('recorded' until handed to its channel) is the guard, so a retry sends only what is left.
  @JobHandler(QueueName.DispatchCommands, JobName.SendDispatchBatch)
  async sendBatch(payload: JobPayload<typeof JobName.SendDispatchBatch>, context: JobContext): Promise<JobOutcome> {
    const outcome = await this.send.execute(payload.batchId).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'EntityNotFoundError') throw new UnrecoverableError(error.message);
      throw error;
    });
    this.logger.log({ msg: 'dispatch batch', outcome, batchId: payload.batchId, jobId: context.jobId, attempt: context.attempt });
    return outcome === 'sent' ? 'done' : 'skipped';
  }
}
