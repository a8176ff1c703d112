import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { FleetJobsModule } from '@vpp/fleet';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { PlatformJobsModule, QueuesModule } from '@vpp/queues';
import { TelemetryJobsModule } from '@vpp/telemetry';
import { OcpiApiModule, OcpiConnectorModule } from '@vpp/ocpi';
import { OcppApiModule, OcppModule } from '@vpp/ocpp';
import { MobilityModule } from '@vpp/mobility';
import { FlexibilityModule, PlanningJobsModule } from '@vpp/flexibility';
import { FleetApiModule } from '@vpp/fleet';
import { OemApiModule, OemConnectorModule } from '@vpp/oem';
import { PrivacyModule } from '@vpp/privacy';
import { MarketsApiModule, MarketsJobsModule } from '@vpp/markets';
import { CongestionApiModule, CongestionJobsModule } from '@vpp/congestion';
import { DispatchModule } from '@vpp/dispatch';
import { SettlementPipelineModule, SettlementReportsApiModule } from '@vpp/settlement';

export const PLATFORM_APP_NAME = 'platform';

/** Every feature module in one process, for small sites and the demo. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'platform' }),
    PlatformJobsModule,
    FleetJobsModule,
    TelemetryJobsModule,
    AccessModule,
    OcpiConnectorModule,
    OcpiApiModule,
    OcppModule,
    OcppApiModule,
    OemConnectorModule,
    OemApiModule,
    MobilityModule,
    FlexibilityModule,
    FleetApiModule,
    PrivacyModule,
    MarketsJobsModule,
    PlanningJobsModule,
    MarketsApiModule,
    CongestionApiModule,
    CongestionJobsModule,
    DispatchModule,
    SettlementPipelineModule,
    SettlementReportsApiModule,
    ObservabilityModule.forApp(PLATFORM_APP_NAME),
  ],
})
export class PlatformModule {}
