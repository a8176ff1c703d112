import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { PullPartyModulesUseCase } from '../../application/pull-party-modules.use-case';

/** The `connector` queue's pull of one CPO's Locations and Sessions. */
@Injectable()
export class OcpiPullsProcessor {
  private readonly logger = new Logger(OcpiPullsProcessor.name);

  constructor(private readonly pull: PullPartyModulesUseCase) {}

  // Not wrapped in runIdempotently: the HTTP calls must not sit inside a transaction, and a repeated
  // pull is harmless (last_updated ordering; the cursor only moves after a complete module).
  @JobHandler(QueueName.Connector, JobName.PullOcpiParty)
  async pullParty(payload: JobPayload<typeof JobName.PullOcpiParty>, context: JobContext): Promise<JobOutcome> {
    const outcome = await this.pull.execute(payload.ocpiPartyId).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'EntityNotFoundError') throw new UnrecoverableError(error.message);
      throw error;
    });
    this.logger.log({ msg: 'ocpi party pulled', ocpiPartyId: payload.ocpiPartyId, jobId: context.jobId, attempt: context.attempt, skipped: outcome.skipped, modules: outcome.modules });
    return outcome.skipped === null ? 'done' : 'skipped';
  }
}
