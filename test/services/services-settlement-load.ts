import type { DataSource } from 'typeorm';
import { enqueueInTransaction, JobName, QueueName } from '@vpp/queues';
import { SettlementJobKeys } from '@vpp/settlement';
import { eventually } from '@vpp/testing';
import type { Isp } from '@vpp/units';

const WAIT_MS = 120_000;

/** Settlement jobs one process completed, by job name, read from its Prometheus endpoint (queue_jobs_completed_total). */
export async function completedSettlementJobs(baseUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics: HTTP ${response.status}`);
  const text = await response.text();
  const completed: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^queue_jobs_completed_total\{([^}]*)\} (\d+)$/.exec(line);
    if (match === null) continue;
    const labels = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1], label[2]]));
    if (labels.queue !== QueueName.Settlement) continue;
    completed[labels.job_name] = (completed[labels.job_name] ?? 0) + Number.parseInt(match[2], 10);
  }
  return completed;
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * The settlement scheduler's per-ISP close (what its tick offers once an ISP has closed) for each of
 * `isps` at once, as a replica catching up would: one `settlement.close-isp` job per ISP through the
 * outbox, each fanning out one `settlement.aggregate-meter` per portfolio in its own transaction.
 * Waits until every close and every aggregation those closes enqueued is in processed_jobs, and
 * returns how many jobs of each that was.
 */
export async function closeIsps(dataSource: DataSource, isps: readonly Isp[]): Promise<{ closeIsp: number; aggregateMeter: number }> {
  const closeKeys = isps.map((isp) => SettlementJobKeys.closeIsp(isp.start));
  await dataSource.transaction(async (manager) => {
    for (const [i, isp] of isps.entries()) {
      await enqueueInTransaction(manager, {
        name: JobName.CloseIsp,
        payload: { schemaVersion: 1, correlationId: 'services-test-close-isp', idempotencyKey: closeKeys[i], ispStart: isp.start.toISOString() },
      });
    }
  });
  const count = async (sql: string, parameters: unknown[]): Promise<number> => {
    const rows: { n: string }[] = await dataSource.query(sql, parameters);
    return Number.parseInt(rows[0]?.n ?? '0', 10);
  };
  return eventually(
    async () => {
      if ((await count(`SELECT count(*)::text AS n FROM processed_jobs WHERE queue = $1 AND idempotency_key = ANY($2::text[])`, [QueueName.Settlement, closeKeys])) < closeKeys.length) return undefined;
      // Every close has committed its fan-out (one outbox row per portfolio it saw); wait for those to be processed.
      const portfolios: { id: string }[] = await dataSource.query(`SELECT id FROM portfolios`);
      const aggregateKeys = portfolios.flatMap(({ id }) => isps.map((isp) => SettlementJobKeys.aggregateMeter(id, isp.start, isp.end, 0)));
      const enqueued = await count(`SELECT count(*)::text AS n FROM outbox WHERE job_name = $1 AND idempotency_key = ANY($2::text[])`, [JobName.AggregateMeter, aggregateKeys]);
      const processed = await count(`SELECT count(*)::text AS n FROM processed_jobs WHERE queue = $1 AND idempotency_key = ANY($2::text[])`, [QueueName.Settlement, aggregateKeys]);
      return enqueued >= isps.length && processed === enqueued ? { closeIsp: closeKeys.length, aggregateMeter: processed } : undefined;
    },
    `${isps.length} ISPs closed and aggregated`,
    WAIT_MS,
    100,
  );
}
