import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { SendUftpMessageUseCase } from '../../application/send-uftp-message.use-case';

/** The `connector` queue's UFTP job: deliver one signed message to a DSO. */
@Injectable()
export class UftpMessagesProcessor {
  private readonly logger = new Logger(UftpMessagesProcessor.name);

  constructor(private readonly send: SendUftpMessageUseCase) {}

  // Not in runIdempotently: the HTTP call must not sit in a transaction. The message's status and
  // attempt count are the guard; a resend of the same MessageID is "Already Submitted" at the DSO.
  @JobHandler(QueueName.Connector, JobName.SendUftpMessage)
  async sendUftpMessage(payload: JobPayload<typeof JobName.SendUftpMessage>, context: JobContext): Promise<JobOutcome> {
    const outcome = await this.send.execute(payload.outboundMessageId, Number.parseInt(payload.attempt, 10)).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'EntityNotFoundError') throw new UnrecoverableError(error.message);
      throw error;
    });
    this.logger.log({ msg: 'UFTP message', outcome, outboundMessageId: payload.outboundMessageId, attempt: payload.attempt, jobId: context.jobId });
    return outcome === 'skipped' ? 'skipped' : 'done';
  }
}
