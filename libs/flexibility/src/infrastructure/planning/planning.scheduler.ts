import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobName, QueueProducers, upsertCronJobScheduler } from '@vpp/queues';
import { MARKET_TIME_ZONE } from '@vpp/units';

/** BullMQ job scheduler id of the daily plan fan-out; one per deployment whatever the replica count. */
export const PLANNING_SCHEDULER_ID = 'planning-daily';

/**
 * Registers the BullMQ job scheduler that runs `planning.schedule-portfolio-plans` on the
 * configured cron pattern in market time (D-1 07:00 by default, before the first gate: FCR/aFRR
 * capacity close at 08:00/09:00 D-1). Upserting is idempotent, so every planner replica may do it.
 */
@Injectable()
export class PlanningScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanningScheduler.name);

  constructor(
    private readonly producers: QueueProducers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.planning.schedule;
    if (pattern === null) return;
    try {
      await upsertCronJobScheduler(this.producers, { id: PLANNING_SCHEDULER_ID, job: JobName.SchedulePortfolioPlans, pattern, payload: { trigger: 'schedule' } });
      this.logger.log({ msg: 'planning scheduler registered', pattern, tz: MARKET_TIME_ZONE });
    } catch (error) {
      // The next boot or replica registers it; operators can still POST a plan.
      this.logger.error({ msg: 'planning scheduler not registered', err: error });
    }
  }
}
