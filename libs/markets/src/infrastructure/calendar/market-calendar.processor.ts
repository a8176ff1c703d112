import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName, buildIdempotencyKey, enqueueInTransaction, jobDefinition } from '@vpp/queues';
import { MARKETS_CLOCK, MarketsClock } from '../../application/markets-clock';
import { MissedGateAlerts } from '../../application/missed-gate-alerts';
import { PlanMarketCalendarUseCase } from '../../application/plan-market-calendar.use-case';
import { PrepareMarketGateUseCase } from '../../application/prepare-market-gate.use-case';
import type { MarketGate } from '../../domain/calendar/market-gate';
import { MarketsError } from '../../domain/products/markets.errors';

/**
 * The market calendar's jobs on the `bidding` queue. A gate's preparation that fails (a
 * counterparty down) is retried with the catalog's backoff; when a round's attempts run out
 * before the gate, the next round is enqueued, due after the retry-round interval or at the gate,
 * whichever is first. Once the gate has passed, the missed-gate alert is raised and retries stop.
 */
@Injectable()
export class MarketCalendarProcessor {
  private readonly logger = new Logger(MarketCalendarProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly plan: PlanMarketCalendarUseCase,
    private readonly prepare: PrepareMarketGateUseCase,
    private readonly alerts: MissedGateAlerts,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(QueueName.Bidding, JobName.PlanMarketCalendar)
  async planCalendar(payload: JobPayload<typeof JobName.PlanMarketCalendar>, context: JobContext): Promise<JobOutcome> {
    const plan = await this.plan.execute(this.clock.now());
    this.logger.log({ msg: 'market calendar run', trigger: payload.trigger, jobId: context.jobId, ...plan });
    return plan.planned > 0 || plan.missed > 0 ? 'done' : 'skipped';
  }

  @JobHandler(QueueName.Bidding, JobName.PrepareMarketGate)
  async prepareGate(payload: JobPayload<typeof JobName.PrepareMarketGate>, context: JobContext): Promise<JobOutcome> {
    const result = await this.prepare.execute(payload.gateKey).catch((error: unknown) => {
      if (error instanceof MarketsError && error.code === 'MARKET_GATE_NOT_FOUND') throw new UnrecoverableError(error.message);
      throw error;
    });
    switch (result.outcome) {
      case 'prepared':
      case 'missed':
        return 'done';
      case 'already-done':
        return 'skipped';
      case 'failed':
        return this.afterFailure(result.gate, result.error, payload, context);
    }
  }

  private async afterFailure(gate: MarketGate, error: string, payload: JobPayload<typeof JobName.PrepareMarketGate>, context: JobContext): Promise<JobOutcome> {
    const now = this.clock.now();
    const untilGateMs = gate.gateClosureAt.getTime() - now.getTime();
    if (untilGateMs <= 0) {
      await this.alerts.raise(gate, 'counterparty-down-until-gate', `bid preparation kept failing until the gate closed: ${error}`, now);
      return 'done';
    }
    const attempts = jobDefinition(JobName.PrepareMarketGate).options.attempts ?? 1;
    if (context.attempt < attempts) throw new Error(`bid preparation for ${gate.key} failed: ${error}`);
    const round = String(Number.parseInt(payload.round, 10) + 1);
    const delayMs = Math.min(this.config.markets.gateRetryRoundSeconds * 1000, untilGateMs);
    await this.dataSource.transaction((manager) =>
      enqueueInTransaction(manager, {
        name: JobName.PrepareMarketGate,
        payload: { ...payload, idempotencyKey: buildIdempotencyKey(gate.key, `r${round}`), round },
        delayMs,
      }),
    );
    this.logger.warn({ msg: 'bid preparation failed; next retry round enqueued', gateKey: gate.key, round, delayMs, error, jobId: context.jobId });
    return 'done';
  }
}
