import type { RedisOptions } from 'ioredis';

export type RedisConnectionRole = 'producer' | 'worker';

/**
 * ioredis options for BullMQ from a `redis://` or `rediss://` URL. BullMQ creates and closes the
 * connections itself when given options rather than an instance.
 *
 * - Producers fail fast through `QueueProducers.add`'s own timeout (2 s), not through
 *   `enableOfflineQueue: false`: with the offline queue off, a connection that is not yet
 *   writable when BullMQ sends its start-up INFO (slow connect under load) leaves the Queue's
 *   connection rejected for good, so one slow start would break a producer until restart.
 *   The caller (the outbox relay, an HTTP request) still gets an error in bounded time, and an
 *   add that lands late is absorbed by its deterministic jobId.
 * - Workers wait: `maxRetriesPerRequest: null` is required by BullMQ for blocking commands, and a
 *   worker should simply resume when Redis comes back.
 */
export function redisConnectionOptions(url: string, role: RedisConnectionRole): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  const base: RedisOptions = {
    host: parsed.hostname,
    port: parsed.port === '' ? 6379 : Number.parseInt(parsed.port, 10),
    username: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    db: db === '' ? 0 : Number.parseInt(db, 10),
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 2_000,
    // Reconnect forever with a capped delay; health checks report the outage meanwhile.
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  if (role === 'producer') {
    return { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: true };
  }
  return { ...base, maxRetriesPerRequest: null, enableOfflineQueue: true };
}
