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
import { OemApiModule } from '@vpp/oem';
import { PrivacyModule } from '@vpp/privacy';

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
    PrivacyModule,
    ObservabilityModule.forApp(API_APP_NAME),
  ],
})
export class ApiModule {}
