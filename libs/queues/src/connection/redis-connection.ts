import type { RedisOptions } from 'ioredis';

export type RedisConnectionRole = 'producer' | 'worker';

/**
 * ioredis options for BullMQ from a `redis://` or `rediss://` URL. BullMQ creates and closes the
 * connections itself when given options rather than an instance.
 *
 * - Producers fail fast: with Redis gone, `add` rejects at once instead of queueing commands in
 *   memory, so the caller (the outbox relay, an HTTP request) can record the failure and retry.
 *   Known limit (BullMQ 5): if the connection is not yet writable when BullMQ sends its start-up
 *   INFO (a very slow first connect), that Queue's connection stays rejected until the process
 *   restarts; `QueueProducers` listens for the error so the process does not crash, and adds
 *   then time out and are retried by the relay. The offline queue cannot simply be turned on:
 *   BullMQ then emits a late 'error' with no listener when a never-connected Queue is closed.
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
