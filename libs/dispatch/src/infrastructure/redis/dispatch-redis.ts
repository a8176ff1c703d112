import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { closeRedisClient, createFailFastRedisClient } from '@vpp/observability';

/**
 * The dispatch context's own fail-fast Redis client: the loop's hot state, the lease and the
 * setpoint intake. Fail-fast on purpose: a cycle that cannot reach Redis must not send commands
 * on an unverified lease, it skips and retries on the next tick.
 */
@Injectable()
export class DispatchRedis implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createFailFastRedisClient(config.redis.url, 'vpp-dispatch');
    this.prefix = `${config.redis.queuePrefix}:dispatch`;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  // Last of the shutdown hooks: the queue workers (running fan-out jobs) and the loops stop first.
  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.client);
  }
}
