import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { enqueueInTransaction, JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName, runIdempotently } from '@vpp/queues';
import { DeliveryDay, Isp, TimeRange } from '@vpp/units';
import { AggregateMeterUseCase } from '../../application/pipeline/aggregate-meter.use-case';
import { ClosePeriodUseCase } from '../../application/pipeline/close-period.use-case';
import { IssuePortfolioStatementsUseCase } from '../../application/pipeline/issue-portfolio-statements.use-case';
import { SettlementJobKeys } from '../../application/pipeline/settlement-job-keys';
import { settlementPriceMissingTotal, settlementStatementsIssuedTotal } from './settlement-pipeline.metrics';

/**
 * The settlement pipeline on the `settlement` queue (issue 7 item 1). Each stage runs once per
 * idempotency key (`runIdempotently`: the processed_jobs row, the stage's writes and the next
 * stage's outbox row commit together), so a duplicate delivery or a worker killed mid-stage
 * leaves the ledger as one clean run would. Two workers on the queue split the portfolios.
 */
@Injectable()
export class SettlementPipelineProcessor {
  private readonly logger = new Logger(SettlementPipelineProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly closePeriod: ClosePeriodUseCase,
    private readonly aggregateMeter: AggregateMeterUseCase,
    private readonly issueStatements: IssuePortfolioStatementsUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(QueueName.Settlement, JobName.CloseIsp)
  async onCloseIsp(payload: JobPayload<typeof JobName.CloseIsp>, context: JobContext): Promise<JobOutcome> {
    const isp = Isp.startingAt(new Date(payload.ispStart));
    return this.once(payload.idempotencyKey, context, (manager) => this.closePeriod.closeIsp(manager, isp, payload.correlationId));
  }

  @JobHandler(QueueName.Settlement, JobName.CloseDay)
  async onCloseDay(payload: JobPayload<typeof JobName.CloseDay>, context: JobContext): Promise<JobOutcome> {
    const day = DeliveryDay.of(payload.deliveryDay);
    return this.once(payload.idempotencyKey, context, (manager) => this.closePeriod.closeDay(manager, day, Number.parseInt(payload.revision, 10), payload.correlationId));
  }

  @JobHandler(QueueName.Settlement, JobName.AggregateMeter)
  async onAggregateMeter(payload: JobPayload<typeof JobName.AggregateMeter>, context: JobContext): Promise<JobOutcome> {
    const period = TimeRange.of(new Date(payload.periodStart), new Date(payload.periodEnd));
    return this.once(payload.idempotencyKey, context, async (manager) => {
      const counts = await this.aggregateMeter.execute(manager, { ...payload, revision: Number.parseInt(payload.revision, 10), period });
      this.logger.log({ msg: 'meter aggregated', portfolioId: payload.portfolioId, period: period.toString(), ...counts });
    });
  }

  @JobHandler(QueueName.Settlement, JobName.IssueStatements)
  async onIssueStatements(payload: JobPayload<typeof JobName.IssueStatements>, context: JobContext): Promise<JobOutcome> {
    const day = DeliveryDay.of(payload.deliveryDay);
    return this.once(payload.idempotencyKey, context, async (manager) => {
      const outcome = await this.issueStatements.execute(manager, payload.portfolioId, day);
      if (outcome.kind === 'settled') {
        settlementStatementsIssuedTotal.inc(outcome.issued);
        this.logger.log({ msg: 'statements issued', portfolioId: payload.portfolioId, deliveryDay: payload.deliveryDay, ...outcome });
        if (outcome.fleetsWithoutContract.length > 0) {
          this.logger.warn({ msg: 'fleets not settled: no contract for the day', portfolioId: payload.portfolioId, fleets: outcome.fleetsWithoutContract });
        }
        return;
      }
      // Never a zero price: wait as a delayed job of its own (its own key) and alert.
      settlementPriceMissingTotal.inc({ portfolio_id: payload.portfolioId });
      const revision = Number.parseInt(payload.revision, 10);
      const priceWaits = Number.parseInt(payload.priceWaits, 10) + 1;
      this.logger.error({
        msg: 'settlement waits: price missing',
        portfolioId: payload.portfolioId,
        deliveryDay: payload.deliveryDay,
        isps: outcome.isps.map((isp) => isp.toString()),
        priceWaits,
        retryInSeconds: this.config.settlement.priceRetrySeconds,
      });
      await enqueueInTransaction(manager, {
        name: JobName.IssueStatements,
        delayMs: this.config.settlement.priceRetrySeconds * 1000,
        payload: { ...payload, priceWaits: String(priceWaits), idempotencyKey: SettlementJobKeys.issueStatements(payload.portfolioId, payload.deliveryDay, revision, priceWaits) },
      });
    });
  }

  private async once(idempotencyKey: string, context: JobContext, effect: Parameters<typeof runIdempotently>[2]): Promise<JobOutcome> {
    const result = await runIdempotently(this.dataSource, { queue: context.queue, jobName: context.jobName, idempotencyKey, jobId: context.jobId }, effect);
    return result.outcome;
  }
}
