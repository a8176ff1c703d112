import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { IntervalTicker, JobName, buildIdempotencyKey, enqueueInTransaction, intervalBucket } from '@vpp/queues';

/**
 * Enqueues `fleet.mark-stale-sessions` every `fleet.staleCheckIntervalSeconds` (0 = off). The
 * idempotency key is the interval bucket, so several connector replicas ticking in the same
 * bucket produce one job (the outbox's unique key absorbs the rest).
 */
@Injectable()
export class StaleSessionsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StaleSessionsScheduler.name);
  private readonly ticker = new IntervalTicker();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(
      this.config.fleet.staleCheckIntervalSeconds * 1000,
      (now) => this.enqueue(now),
      (error) => this.logger.error({ msg: 'stale session check not enqueued', err: error }),
    );
  }

  onApplicationShutdown(): void {
    this.ticker.stop();
  }

  /** Enqueues the check for the bucket `now` falls in; returns whether this call added it. */
  async enqueue(now: Date): Promise<boolean> {
    const intervalMs = Math.max(1, this.config.fleet.staleCheckIntervalSeconds) * 1000;
    const { start: bucketStart, key: bucket } = intervalBucket(now, intervalMs);
    const result = await this.dataSource.transaction((manager) =>
      enqueueInTransaction(manager, {
        name: JobName.MarkStaleSessions,
        payload: {
          schemaVersion: 1,
          correlationId: `fleet-stale-${bucket}`,
          idempotencyKey: buildIdempotencyKey('fleet', 'mark-stale', bucket),
          checkAt: bucketStart.toISOString(),
        },
      }),
    );
    return result === 'enqueued';
  }
}
