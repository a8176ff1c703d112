import { Injectable } from '@nestjs/common';
import { ChainVerification, ChainedAuditEntry, GENESIS_HASH, verifyChain } from '../domain/audit-chain';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogEntryEntity } from '../infrastructure/audit-log-entry.entity';
import { AuditLogRepository, toChainedEntry } from '../infrastructure/audit-log.repository';

const VERIFY_BATCH = 1_000;

@Injectable()
export class AuditLogQueries {
  constructor(
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** One page of the tenant's chain, oldest first, after `afterPosition` (a cursor, 0 for the start). */
  async page(scope: TenantScope, afterPosition: number, limit: number): Promise<ChainedAuditEntry[]> {
    const rows: AuditLogEntryEntity[] = await this.auditLog.page(scope.organisationId, afterPosition, limit);
    return rows.map(toChainedEntry);
  }

  /** Walks the tenant's whole chain in batches, carrying the last verified link across batches. */
  verify(scope: TenantScope): Promise<ChainVerification> {
    return this.verifyChainOf(scope.organisationId);
  }

  /** For trusted callers outside a request (CLIs, jobs): the same walk for one organisation's chain. */
  async verifyChainOf(organisationId: string): Promise<ChainVerification> {
    let start = { position: 0, hash: GENESIS_HASH };
    let total = 0;
    for (;;) {
      const batch = (await this.auditLog.page(organisationId, start.position, VERIFY_BATCH)).map(toChainedEntry);
      const result = verifyChain(batch, start);
      if (!result.ok) return result;
      total += result.entries;
      if (batch.length < VERIFY_BATCH) return { ok: true, entries: total, lastHash: result.lastHash };
      start = { position: start.position + batch.length, hash: result.lastHash };
    }
  }
}
