import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { enqueueInTransaction, IntervalTicker, JobName } from '@vpp/queues';
import { DeliveryDay, Isp } from '@vpp/units';
import { enqueueCloseDay } from '../../application/pipeline/enqueue-close-day';
import { LateMeterDataDetector } from '../../application/pipeline/late-meter-data.detector';
import { SettlementJobKeys } from '../../application/pipeline/settlement-job-keys';

export interface SettlementTick {
  readonly isp: string;
  readonly day: string;
  readonly restated: readonly string[];
}

/**
 * Starts the pipeline: every `SETTLEMENT_CHECK_SECONDS` each replica offers the close of the
 * latest ISP and delivery day that ended at least `SETTLEMENT_GRACE_MINUTES` ago, and a
 * restatement of each recent day whose meter data arrived after its statements. Keys are the
 * period (and revision), so the outbox keeps one job per period whatever the replica count. The
 * first tick waits one interval: a booting app does not settle before it is up.
 */
@Injectable()
export class SettlementPipelineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SettlementPipelineScheduler.name);
  private readonly ticker = new IntervalTicker();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lateMeterData: LateMeterDataDetector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(
      this.config.settlement.checkSeconds * 1000,
      (now) => this.tick(now),
      (error) => this.logger.error({ msg: 'settlement close not enqueued', err: error }),
    );
  }

  onApplicationShutdown(): void {
    this.ticker.stop();
  }

  async tick(now: Date): Promise<SettlementTick> {
    const closedBy = new Date(now.getTime() - this.config.settlement.graceMinutes * 60_000);
    const isp = Isp.containing(closedBy).previous();
    const day = DeliveryDay.containing(closedBy).previous();
    const since = DeliveryDay.containing(now).plusDays(-this.config.settlement.restateLookbackDays).start;
    return this.dataSource.transaction(async (manager) => {
      await enqueueInTransaction(manager, {
        name: JobName.CloseIsp,
        payload: { schemaVersion: 1, correlationId: `settlement-isp-${isp.start.getTime()}`, idempotencyKey: SettlementJobKeys.closeIsp(isp.start), ispStart: isp.start.toISOString() },
      });
      await enqueueCloseDay(manager, day, 0);
      const restate = await this.lateMeterData.daysToRestate(manager, since);
      for (const found of restate) await enqueueCloseDay(manager, found.day, found.revision);
      return { isp: isp.toString(), day: day.isoDate, restated: restate.map((found) => `${found.day.isoDate} r${found.revision}`) };
    });
  }
}
