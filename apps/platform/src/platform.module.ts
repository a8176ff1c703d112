import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { PlatformJobsModule, QueuesModule } from '@vpp/queues';

export const PLATFORM_APP_NAME = 'platform';

/** Every feature module in one process, for small sites and the demo. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'platform' }),
    PlatformJobsModule,
    AccessModule,
    ObservabilityModule.forApp(PLATFORM_APP_NAME),
  ],
})
export class PlatformModule {}
