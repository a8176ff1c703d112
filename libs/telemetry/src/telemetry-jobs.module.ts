import { Module } from '@nestjs/common';
import { TelemetryMaintenanceProcessor } from './infrastructure/telemetry-maintenance.processor';
import { TelemetryModule } from './telemetry.module';

/** The telemetry processors of the `platform` queue; imported by the apps that own it (settlement, platform). */
@Module({ imports: [TelemetryModule], providers: [TelemetryMaintenanceProcessor] })
export class TelemetryJobsModule {}
