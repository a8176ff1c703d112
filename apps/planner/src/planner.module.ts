import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { MarketsJobsModule } from '@vpp/markets';
import { PlanningJobsModule } from '@vpp/flexibility';

export const PLANNER_APP_NAME = 'planner';

/** Forecasts flexibility and builds bids and schedules. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    QueuesModule.forRoot({ app: 'planner' }),
    MarketsJobsModule,
    PlanningJobsModule,
    ObservabilityModule.forApp(PLANNER_APP_NAME),
  ],
})
export class PlannerModule {}
