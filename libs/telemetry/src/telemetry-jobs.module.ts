import { Module } from '@nestjs/common';
import { TelemetryMaintenanceProcessor } from './infrastructure/telemetry-maintenance.processor';
import { TelemetryMaintenanceScheduler } from './infrastructure/telemetry-maintenance.scheduler';
import { TelemetryModule } from './telemetry.module';

/**
 * The telemetry processors of the `platform` queue and their daily schedule; imported by the apps
 * that own that queue (settlement, platform).
 */
@Module({ imports: [TelemetryModule], providers: [TelemetryMaintenanceProcessor, TelemetryMaintenanceScheduler] })
export class TelemetryJobsModule {}
