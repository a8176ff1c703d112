import type { RedisOptions } from 'ioredis';

export type RedisConnectionRole = 'producer' | 'worker';

/**
 * ioredis options for BullMQ from a `redis://` or `rediss://` URL. BullMQ creates and closes the
 * connections itself when given options rather than an instance.
 *
 * - Producers fail fast: with Redis gone, `add` rejects at once instead of queueing commands in
 *   memory, so the caller (the outbox relay, an HTTP request) can record the failure and retry.
 *   Producer Queues skip BullMQ's start-up version check (see `QueueProducers`): its INFO was
 *   the one command that could hit a not-yet-writable socket and break the Queue for good.
 *   The offline queue stays off: with it on, BullMQ emits a late 'error' with no listener
 *   when a never-connected Queue is closed.
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
    return { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  }
  return { ...base, maxRetriesPerRequest: null, enableOfflineQueue: true };
}
