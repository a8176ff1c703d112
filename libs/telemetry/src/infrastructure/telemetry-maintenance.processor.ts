import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { ApplyTelemetryRetentionUseCase } from '../application/apply-telemetry-retention.use-case';
import { EnsureMeterValuePartitionsUseCase } from '../application/ensure-meter-value-partitions.use-case';
import { MeterValuePartitions } from './meter-value-partitions';

/**
 * Telemetry housekeeping on the `platform` queue. Both effects are idempotent by nature (drop
 * what is older than the cut-off; create what is missing), so no `processed_jobs` row is needed.
 */
@Injectable()
export class TelemetryMaintenanceProcessor {
  private readonly logger = new Logger(TelemetryMaintenanceProcessor.name);
  private readonly applyRetention: ApplyTelemetryRetentionUseCase;
  private readonly ensurePartitions: EnsureMeterValuePartitionsUseCase;

  constructor(
    dataSource: DataSource,
    partitions: MeterValuePartitions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.applyRetention = new ApplyTelemetryRetentionUseCase(dataSource, partitions);
    this.ensurePartitions = new EnsureMeterValuePartitionsUseCase(partitions);
  }

  @JobHandler(QueueName.Platform, JobName.ApplyTelemetryRetention)
  async retain(payload: JobPayload<typeof JobName.ApplyTelemetryRetention>, context: JobContext): Promise<JobOutcome> {
    const outcome = await this.applyRetention.execute(new Date(), this.config.telemetry.retentionMonths);
    this.logger.log({
      msg: 'telemetry retention applied',
      runDay: payload.runDay,
      jobId: context.jobId,
      attempt: context.attempt,
      cutoff: outcome.cutoff.toISOString(),
      droppedDays: outcome.droppedDays.length,
      quarantineRowsDeleted: outcome.quarantineRowsDeleted,
    });
    return 'done';
  }

  @JobHandler(QueueName.Platform, JobName.EnsureMeterValuePartitions)
  async ensure(payload: JobPayload<typeof JobName.EnsureMeterValuePartitions>, context: JobContext): Promise<JobOutcome> {
    const created = await this.ensurePartitions.execute(new Date(), this.config.telemetry.partitionsAheadDays);
    this.logger.log({ msg: 'meter value partitions ensured', runDay: payload.runDay, jobId: context.jobId, created: created.length });
    return created.length > 0 ? 'done' : 'skipped';
  }
}
