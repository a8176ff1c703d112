import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName, enqueueInTransaction } from '@vpp/queues';
import { DeliveryDay } from '@vpp/units';
import { planJobRequest } from '../../application/planning/plan-job';
import { PlanPortfolioDayUseCase } from '../../application/planning/plan-portfolio-day.use-case';
import { RecordSessionBaselineUseCase } from '../../application/baseline-records/record-session-baseline.use-case';

/** The `planning` queue's jobs: one portfolio's day plan, the daily fan-out to every portfolio, a live session's baseline. */
@Injectable()
export class PlanningJobsProcessor {
  private readonly logger = new Logger(PlanningJobsProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly planDay: PlanPortfolioDayUseCase,
    private readonly sessionBaseline: RecordSessionBaselineUseCase,
  ) {}

  /** A live session's baseline once its need and departure are known (enqueued with every change of a session's needs). */
  @JobHandler(QueueName.Planning, JobName.RecordSessionBaseline)
  async recordSessionBaseline(payload: JobPayload<typeof JobName.RecordSessionBaseline>, context: JobContext): Promise<JobOutcome> {
    const result = await this.sessionBaseline.execute(payload.sessionId, new Date(payload.knownAt));
    this.logger.debug({ msg: 'session baseline', sessionId: payload.sessionId, knownAt: payload.knownAt, outcome: result.outcome, jobId: context.jobId });
    return result.outcome === 'recorded' ? 'done' : 'skipped';
  }

  @JobHandler(QueueName.Planning, JobName.PlanPortfolioDay)
  async plan(payload: JobPayload<typeof JobName.PlanPortfolioDay>, context: JobContext): Promise<JobOutcome> {
    const before: { status: string }[] = await this.dataSource.query(
      `SELECT status FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 AND known_at = $3`,
      [payload.portfolioId, payload.deliveryDay, new Date(payload.knownAt)],
    );
    if (before[0]?.status === 'completed') return 'skipped';
    const run = await this.planDay.execute({ portfolioId: payload.portfolioId, deliveryDay: DeliveryDay.of(payload.deliveryDay), knownAt: new Date(payload.knownAt) });
    this.logger.log({ msg: 'portfolio day planned', portfolioId: payload.portfolioId, deliveryDay: payload.deliveryDay, runId: run.id, jobId: context.jobId });
    return 'done';
  }

  /**
   * Enqueues tomorrow's (market time) plan of every portfolio, known at this run's minute: a
   * redelivery within the minute enqueues nothing new (the outbox's key absorbs it).
   */
  @JobHandler(QueueName.Planning, JobName.SchedulePortfolioPlans)
  async schedule(payload: JobPayload<typeof JobName.SchedulePortfolioPlans>, context: JobContext): Promise<JobOutcome> {
    const now = new Date();
    const knownAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const day = DeliveryDay.containing(now).next();
    const enqueued = await this.dataSource.transaction(async (manager) => {
      const portfolios: { id: string }[] = await manager.query(`SELECT id FROM portfolios ORDER BY id`);
      let count = 0;
      for (const portfolio of portfolios) {
        if ((await enqueueInTransaction(manager, planJobRequest(portfolio.id, day, knownAt, payload.correlationId))) === 'enqueued') count += 1;
      }
      return count;
    });
    this.logger.log({ msg: 'day plans enqueued', deliveryDay: day.isoDate, enqueued, trigger: payload.trigger, jobId: context.jobId });
    return enqueued > 0 ? 'done' : 'skipped';
  }
}
