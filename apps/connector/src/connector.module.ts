import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { CONNECTOR_JOB_MODULES } from './connector-job-modules';

export const CONNECTOR_APP_NAME = 'connector';

/** Talks to CPOs (OCPI), depots (OCPP) and OEM clouds. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'connector' }),
    ...CONNECTOR_JOB_MODULES,
    ObservabilityModule.forApp(CONNECTOR_APP_NAME),
  ],
})
export class ConnectorModule {}
