import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { ALL_QUEUE_NAMES, QueueName } from '../catalog/queue-name';
import { QueueUnavailableError } from '../queues.errors';
import { redisConnectionOptions } from './redis-connection';

export interface QueueConnectionSettings {
  readonly redisUrl: string;
  /** A Redis Cluster hash tag such as `{vpp}`, so all keys of a queue share one slot. */
  readonly prefix: string;
  /** How long `add` may wait for Redis before it fails (default 2 000 ms). */
  readonly addTimeoutMs?: number;
}

/**
 * One BullMQ `Queue` (producer) per catalog queue. Every app has them all, because any app may
 * enqueue; whether it also processes a queue is decided by the catalog's owners.
 */
export class QueueProducers {
  private readonly queues: ReadonlyMap<QueueName, Queue>;

  constructor(readonly settings: QueueConnectionSettings) {
    const connection = redisConnectionOptions(settings.redisUrl, 'producer');
    this.queues = new Map(
      ALL_QUEUE_NAMES.map((name) => {
        // skipVersionCheck: the start-up INFO is the one command BullMQ sends before anyone can
        // wait for it; with the offline queue off it failed on a not-yet-writable socket and
        // left the Queue's connection rejected for good. Workers still check the version.
        const queue = new Queue(name, { connection, prefix: settings.prefix, skipVersionCheck: true });
        // Connection errors surface through `add` (timeout) and /health; an unhandled 'error'
        // event would instead crash the process.
        queue.on('error', () => undefined);
        return [name, queue];
      }),
    );
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  /**
   * Adds a job that was already validated against the catalog. Outside the outbox relay, only
   * call this when no database transaction is involved (STYLE.md 9.9: no add before commit).
   */
  async add(queueName: QueueName, jobName: string, payload: object, options: JobsOptions & { jobId: string }): Promise<void> {
    const adding = this.queue(queueName).add(jobName, payload, options);
    // BullMQ waits for the first connection without limit; a producer must fail fast instead.
    // If the add still lands after the timeout, the deterministic jobId absorbs the retry.
    adding.catch(() => undefined);
    const timeoutMs = this.settings.addTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(queueName, `no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
