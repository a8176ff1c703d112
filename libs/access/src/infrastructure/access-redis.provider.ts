import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { closeRedisClient, createFailFastRedisClient } from '@vpp/observability';

/** The access context's own fail-fast Redis client (rate limits): Redis down means 503, not a hang. */
@Injectable()
export class AccessRedis implements OnModuleInit, OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createFailFastRedisClient(config.redis.url, 'vpp-access');
  }

  /** Gives the first connect a moment so the first requests after boot do not fail; never blocks boot for long. */
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async onModuleDestroy(): Promise<void> {
    await closeRedisClient(this.client);
  }
}
