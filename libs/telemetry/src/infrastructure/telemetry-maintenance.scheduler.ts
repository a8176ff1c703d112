import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { buildIdempotencyKey, enqueueInTransaction, IntervalTicker, JobName } from '@vpp/queues';
import { utcDayOf } from '../domain/day-partition';

export interface MaintenanceEnqueued {
  readonly runDay: string;
  /** Per job: whether this call added it ('duplicate' when a replica or an earlier tick already did). */
  readonly partitions: 'enqueued' | 'duplicate';
  readonly retention: 'enqueued' | 'duplicate';
}

/**
 * Schedules the telemetry housekeeping once per UTC day: the coming days' `meter_values`
 * partitions and the retention cut. Every replica offers both jobs at boot and every
 * `TELEMETRY_MAINTENANCE_CHECK_SECONDS` (0 = off); the idempotency key is the UTC day, so the
 * outbox keeps exactly one of each per day whatever the replica count or restarts (the scheme of
 * the stale-sessions check). Ticking hourly rather than daily means a process restarted more
 * often than once a day still gets its day's run, at the cost of an absorbed insert an hour.
 */
@Injectable()
export class TelemetryMaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryMaintenanceScheduler.name);
  private readonly ticker = new IntervalTicker();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the ticks and offers today's jobs before the app counts as booted (a failure is logged, not fatal). */
  async onApplicationBootstrap(): Promise<void> {
    const intervalMs = this.config.telemetry.maintenanceCheckSeconds * 1000;
    if (intervalMs === 0) return;
    const logFailure = (error: unknown): void => this.logger.error({ msg: 'telemetry maintenance not enqueued', err: error });
    this.ticker.start(intervalMs, (now) => this.enqueue(now), logFailure);
    await this.enqueue(new Date()).catch(logFailure);
  }

  onApplicationShutdown(): void {
    this.ticker.stop();
  }

  /** Offers the two jobs of the UTC day `now` falls in. */
  async enqueue(now: Date): Promise<MaintenanceEnqueued> {
    const runDay = utcDayOf(now);
    return this.dataSource.transaction(async (manager) => {
      const partitions = await enqueueInTransaction(manager, {
        name: JobName.EnsureMeterValuePartitions,
        payload: {
          schemaVersion: 1,
          correlationId: `telemetry-partitions-${runDay}`,
          idempotencyKey: buildIdempotencyKey('telemetry', 'ensure-partitions', runDay),
          runDay,
        },
      });
      const retention = await enqueueInTransaction(manager, {
        name: JobName.ApplyTelemetryRetention,
        payload: {
          schemaVersion: 1,
          correlationId: `telemetry-retention-${runDay}`,
          idempotencyKey: buildIdempotencyKey('telemetry', 'retention', runDay),
          runDay,
        },
      });
      return { runDay, partitions, retention };
    });
  }
}
