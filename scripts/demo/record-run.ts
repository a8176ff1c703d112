import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLogQueries, AuditLogRepository, ChainVerification, JsonValue } from '@vpp/access';
import { QueueProbeEntity, RequestQueueProbeUseCase } from '@vpp/queues';

// A fixed id, so every demo run on one database joins the same operator's audit chain.
export const DEMO_OPERATOR_ID = '00000000-0000-4000-8000-00000000de30';
const SYSTEM = { type: 'system', id: null, organisationId: null } as const;

export interface RecordedRun {
  readonly runId: string;
  readonly probeId: string;
  readonly operatorCreated: boolean;
}

/**
 * In one transaction: the demo operator (first run only), an audit entry with the priced day,
 * and a queue probe whose job the outbox publishes only after the commit.
 */
export async function recordRun(dataSource: DataSource, summary: JsonValue, correlationId: string): Promise<RecordedRun> {
  const audit = new AuditLogRepository(dataSource);
  const runId = randomUUID();
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, 'Demo aggregator', 'operator', 'NL', now())
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [DEMO_OPERATOR_ID],
    );
    const base = { organisationId: DEMO_OPERATOR_ID, actor: SYSTEM, onBehalfOfOrganisationId: null, before: null };
    if (inserted.length > 0) {
      await audit.append(manager, { ...base, action: 'organisation.create', entityType: 'organisation', entityId: DEMO_OPERATOR_ID, after: { name: 'Demo aggregator', kind: 'operator', country: 'NL' } });
    }
    await audit.append(manager, { ...base, action: 'demo.market-day-priced', entityType: 'demo_run', entityId: runId, after: summary });
    const { probeId } = await new RequestQueueProbeUseCase().execute(manager, { requestedBy: 'demo', correlationId });
    return { runId, probeId, operatorCreated: inserted.length > 0 };
  });
}

/** Polls until the probe's job has run (relay -> BullMQ -> worker -> PostgreSQL), or gives up. */
export async function waitForProbe(dataSource: DataSource, probeId: string, timeoutMs: number): Promise<QueueProbeEntity> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await dataSource.getRepository(QueueProbeEntity).findOneByOrFail({ id: probeId });
    if (probe.processedCount > 0 || Date.now() > deadline) return probe;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Walks the demo operator's whole audit chain. */
export function verifyDemoChain(dataSource: DataSource): Promise<ChainVerification> {
  return new AuditLogQueries(new AuditLogRepository(dataSource)).verifyChainOf(DEMO_OPERATOR_ID);
}
