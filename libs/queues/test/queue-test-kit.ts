import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { openScratchDatabase, type ScratchDatabase } from '@vpp/testing';
import { buildIdempotencyKey } from '../src/catalog/job-envelope';
import type { CompleteQueueProbePayload } from '../src/catalog/platform.jobs';
import type { QueueConnectionSettings } from '../src/connection/queue-producers';

/** Redis keys of their own for one test: a fresh hash-tagged prefix. */
export function uniqueQueueSettings(): QueueConnectionSettings {
  return { redisUrl: loadConfig().redis.url, prefix: `{vpp-test-${randomUUID().slice(0, 8)}}` };
}

/** Deletes every Redis key under the test's prefix; call after its queues and workers closed. */
export async function deleteQueueKeys(settings: QueueConnectionSettings): Promise<void> {
  // Closing a queue may write its `meta` key again, so obliterate() alone leaves keys behind.
  const client = new Redis(settings.redisUrl, { lazyConnect: true });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${settings.prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

export type { ScratchDatabase } from '@vpp/testing';

/**
 * A migrated database for one test file. Outbox relays claim every due row of their database,
 * so relay tests cannot share vpp_test with other files that write outbox rows.
 */
export function createScratchDatabase(): Promise<ScratchDatabase> {
  return openScratchDatabase('vpp_test_queues');
}

/** Inserts a queue probe and returns its id. */
export async function insertProbe(dataSource: DataSource): Promise<string> {
  const probeId = randomUUID();
  await dataSource.query(`INSERT INTO queue_probes (id, requested_by) VALUES ($1, 'test')`, [probeId]);
  return probeId;
}

export function aProbePayload(probeId: string, overrides: Partial<CompleteQueueProbePayload> = {}): CompleteQueueProbePayload {
  return {
    schemaVersion: 1,
    correlationId: `test-${randomUUID()}`,
    idempotencyKey: buildIdempotencyKey('queue-probe', probeId),
    probeId,
    ...overrides,
  };
}

export async function probeProcessedCount(dataSource: DataSource, probeId: string): Promise<number> {
  const rows: { processed_count: number }[] = await dataSource.query(`SELECT processed_count FROM queue_probes WHERE id = $1`, [probeId]);
  if (rows.length !== 1) throw new Error(`probe ${probeId} not found`);
  return rows[0]!.processed_count;
}
