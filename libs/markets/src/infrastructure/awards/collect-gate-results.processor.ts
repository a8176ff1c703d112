import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { CollectGateResultsUseCase } from '../../application/awards/collect-gate-results.use-case';
import { MarketsError } from '../../domain/products/markets.errors';

/** `bidding.collect-gate-results`: a failure (results not out yet, counterparty down) is retried with the catalog backoff. */
@Injectable()
export class CollectGateResultsProcessor {
  private readonly logger = new Logger(CollectGateResultsProcessor.name);

  constructor(private readonly collect: CollectGateResultsUseCase) {}

  @JobHandler(QueueName.Bidding, JobName.CollectGateResults)
  async collectResults(payload: JobPayload<typeof JobName.CollectGateResults>, context: JobContext): Promise<JobOutcome> {
    const collected = await this.collect.execute(payload.gateKey).catch((error: unknown) => {
      if (error instanceof MarketsError && error.code === 'MARKET_GATE_NOT_FOUND') throw new UnrecoverableError(error.message);
      throw error;
    });
    this.logger.log({ msg: 'gate results', jobId: context.jobId, ...collected });
    return collected.awardedBids + collected.notAwardedBids > 0 ? 'done' : 'skipped';
  }
}
