import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { OcpiApiModule } from '@vpp/ocpi';
import { OcppApiModule } from '@vpp/ocpp';
import { MobilityModule } from '@vpp/mobility';
import { FlexibilityModule } from '@vpp/flexibility';
import { FleetApiModule } from '@vpp/fleet';
import { OemApiModule } from '@vpp/oem';
import { PrivacyModule } from '@vpp/privacy';
import { CongestionApiModule } from '@vpp/congestion';
import { MarketsApiModule } from '@vpp/markets';
import { SettlementReportsApiModule } from '@vpp/settlement';

export const API_APP_NAME = 'api';

/** The partner and operator API (/v1, OpenAPI at /docs). */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'api' }),
    AccessModule,
    OcpiApiModule,
    OcppApiModule,
    OemApiModule,
    MobilityModule,
    FlexibilityModule,
    FleetApiModule,
    PrivacyModule,
    CongestionApiModule,
    MarketsApiModule,
    SettlementReportsApiModule,
    ObservabilityModule.forApp(API_APP_NAME),
  ],
})
export class ApiModule {}
