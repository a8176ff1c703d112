import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { PlatformJobsModule, QueuesModule } from '@vpp/queues';
import { TelemetryJobsModule } from '@vpp/telemetry';
import { SettlementPipelineModule } from '@vpp/settlement';

export const SETTLEMENT_APP_NAME = 'settlement';

/** Settles delivered flexibility into ledger entries and reports (BullMQ worker). */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'settlement' }),
    PlatformJobsModule,
    TelemetryJobsModule,
    ObservabilityModule.forApp(SETTLEMENT_APP_NAME),
    SettlementPipelineModule,
  ],
})
export class SettlementModule {}
