import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { HealthController } from './health.controller';
import { createFailFastRedisClient } from './redis-client';
import { HEALTH_REDIS, RedisHealthIndicator } from './redis.health-indicator';

/**
 * GET /health (PostgreSQL through the app's TypeORM DataSource, Redis through its own client)
 * and GET /health/live. Needs the global ConfigModule and TypeOrmModule.forRoot* in the app.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createFailFastRedisClient(config.redis.url, 'vpp-health'),
    },
    RedisHealthIndicator,
  ],
})
export class HealthModule {}
