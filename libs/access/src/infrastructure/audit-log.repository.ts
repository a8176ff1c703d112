import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { CorrelationContext } from '@vpp/observability';
import { AuditEntryContent, ChainedAuditEntry, chainEntry, GENESIS_HASH, JsonValue } from '../domain/audit-chain';
import { AuditLogEntryEntity } from './audit-log-entry.entity';

export interface AuditActor {
  readonly type: 'user' | 'client' | 'system';
  readonly id: string | null;
  readonly organisationId: string | null;
}

export interface AuditRecord {
  /** The tenant whose chain the entry joins: the organisation the action touched. */
  readonly organisationId: string;
  readonly actor: AuditActor;
  readonly onBehalfOfOrganisationId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
}

export function toChainedEntry(row: AuditLogEntryEntity): ChainedAuditEntry {
  return {
    organisationId: row.organisationId,
    chainPosition: Number.parseInt(row.chainPosition, 10),
    actorType: row.actorType,
    actorId: row.actorId,
    actorOrganisationId: row.actorOrganisationId,
    onBehalfOfOrganisationId: row.onBehalfOfOrganisationId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    occurredAt: row.occurredAt,
    correlationId: row.correlationId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends inside the caller's transaction, so the entry commits or rolls back with the change it
   * describes. The advisory lock serialises appends per tenant, which keeps positions gapless
   * and each entry linked to the true previous hash; other tenants do not wait.
   */
  async append(manager: EntityManager, record: AuditRecord): Promise<AuditLogEntryEntity> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('audit entries are appended inside a transaction');
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit_log:${record.organisationId}`]);
    const last = await manager.findOne(AuditLogEntryEntity, {
      where: { organisationId: record.organisationId },
      order: { chainPosition: 'DESC' },
      select: { chainPosition: true, hash: true },
    });
    const content: AuditEntryContent = {
      organisationId: record.organisationId,
      chainPosition: last ? Number.parseInt(last.chainPosition, 10) + 1 : 1,
      actorType: record.actor.type,
      actorId: record.actor.id,
      actorOrganisationId: record.actor.organisationId,
      onBehalfOfOrganisationId: record.onBehalfOfOrganisationId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: record.before,
      after: record.after,
      occurredAt: new Date(),
      correlationId: CorrelationContext.currentId() ?? null,
    };
    const chained = chainEntry(content, last?.hash ?? GENESIS_HASH);
    const row = Object.assign(new AuditLogEntryEntity(), { ...chained, chainPosition: String(chained.chainPosition) });
    return manager.save(row);
  }

  /** Appends in a transaction of its own (for events that change no other row, e.g. a delegated read). */
  appendAlone(record: AuditRecord): Promise<AuditLogEntryEntity> {
    return this.dataSource.transaction((manager) => this.append(manager, record));
  }

  page(organisationId: string, afterPosition: number, limit: number): Promise<AuditLogEntryEntity[]> {
    return this.dataSource.getRepository(AuditLogEntryEntity).find({
      where: { organisationId, chainPosition: MoreThan(String(afterPosition)) },
      order: { chainPosition: 'ASC' },
      take: limit,
    });
  }
}
