import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobName, QueueProducers, upsertCronJobScheduler } from '@vpp/queues';
import { MARKET_TIME_ZONE } from '@vpp/units';

/** BullMQ job scheduler id of the calendar run; one per deployment whatever the replica count. */
export const MARKET_CALENDAR_SCHEDULER_ID = 'market-calendar';

/**
 * Registers the BullMQ job scheduler that runs `bidding.plan-market-calendar` on the configured
 * cron pattern in market time (hourly by default), and once right away. Upserting is idempotent,
 * so every planner replica may do it at boot. `MARKETS_CALENDAR_SCHEDULE=off` skips it.
 */
@Injectable()
export class MarketCalendarScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MarketCalendarScheduler.name);

  constructor(
    private readonly producers: QueueProducers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.markets.calendarSchedule;
    if (pattern === null) return;
    try {
      await this.register(pattern);
    } catch (error) {
      // The next boot or replica registers it; bid gates planned earlier still fire from the outbox.
      this.logger.error({ msg: 'market calendar scheduler not registered', err: error });
    }
  }

  async register(pattern: string): Promise<void> {
    await upsertCronJobScheduler(this.producers, { id: MARKET_CALENDAR_SCHEDULER_ID, job: JobName.PlanMarketCalendar, pattern, immediately: true, payload: { trigger: 'schedule' } });
    this.logger.log({ msg: 'market calendar scheduler registered', pattern, tz: MARKET_TIME_ZONE });
  }
}
