import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { DispatchModule } from '@vpp/dispatch';
import { OcpiCommandsModule } from '@vpp/ocpi';
import { OemCommandsModule } from '@vpp/oem';

export const DISPATCHER_APP_NAME = 'dispatcher';

/**
 * Turns awards and activations into per-session setpoints. Deployed on its own: OCPI profiles are
 * recorded here and PUT by the connector's job (OCPI_PUBLIC_BASE_URL must name the connector, where
 * CPOs post results), OEM commands go straight to the clouds (OEM_CLOUDS), OCPP commands are handed
 * to the connector, which holds the stations' sockets.
 */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'dispatcher' }),
    DispatchModule,
    OcpiCommandsModule,
    OemCommandsModule,
    ObservabilityModule.forApp(DISPATCHER_APP_NAME),
  ],
})
export class DispatcherModule {}
