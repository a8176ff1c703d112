import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { AccessRedis } from './access-redis.provider';

// Fixed window that opens at a subject's first request: INCR, and PEXPIRE on the first hit,
// atomically, so concurrent requests of one client on several replicas share one counter.
const FIXED_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly count: number;
  readonly limit: number;
  readonly retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;

@Injectable()
export class RateLimiter {
  private readonly limit: number;
  private readonly keyPrefix: string;

  constructor(private readonly redis: AccessRedis, @Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.auth.rateLimitPerMinute;
    // Same hash tag as the queues of this deployment, so tests per jest worker never share counters.
    this.keyPrefix = `${config.redis.queuePrefix}:rate-limit:`;
  }

  /** Counts one request of `subject` (e.g. `key:<keyId>`, `user:<id>`). */
  async hit(subject: string): Promise<RateLimitDecision> {
    const reply = (await this.redis.client.eval(FIXED_WINDOW_SCRIPT, 1, `${this.keyPrefix}${subject}`, WINDOW_MS)) as [number, number];
    const [count, ttlMs] = reply;
    return {
      allowed: count <= this.limit,
      count,
      limit: this.limit,
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }
}
