import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { FleetJobsModule } from '@vpp/fleet';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { OcpiConnectorModule } from '@vpp/ocpi';
import { OcppModule } from '@vpp/ocpp';
import { OemConnectorModule } from '@vpp/oem';

export const CONNECTOR_APP_NAME = 'connector';

/** Talks to CPOs (OCPI), depots (OCPP) and OEM clouds. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'connector' }),
    FleetJobsModule,
    OcpiConnectorModule,
    OcppModule,
    OemConnectorModule,
    ObservabilityModule.forApp(CONNECTOR_APP_NAME),
  ],
})
export class ConnectorModule {}
