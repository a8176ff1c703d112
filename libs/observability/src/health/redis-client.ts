import Redis from 'ioredis';

/** Reconnect for ever, backing off to 2 s: Redis coming back must heal the app without a restart. */
function reconnectForever(times: number): number {
  return Math.min(100 * 2 ** Math.min(times, 5), 2_000);
}

/**
 * A Redis client for request paths (health checks, rate limits, caches): commands fail at once
 * while Redis is unreachable instead of queueing, so requests answer 503 fast, and the client
 * keeps reconnecting in the background. BullMQ workers need other options
 * (`maxRetriesPerRequest: null`); they get their clients from @vpp/queues.
 */
export function createFailFastRedisClient(url: string, connectionName: string): Redis {
  const client = new Redis(url, {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: reconnectForever,
    lazyConnect: false,
  });
  // Without a listener ioredis would print every failed reconnect as an unhandled error event.
  client.on('error', () => undefined);
  return client;
}

/** Closes politely when connected, else just stops reconnecting. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
