import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { hashesFor, hashIdentifiers, SubjectIdentifier } from './personal-data-subject';
import { PersonalDataRepository } from './personal-data.repository';

export interface ErasureResult {
  readonly erasedAt: string;
  readonly sources: { context: string; table: string; action: 'delete' | 'unlink'; present: boolean; rows: number }[];
}

/**
 * GDPR art. 17: deletes the rows that exist only because of the driver and unlinks the rest, in
 * one transaction with its audit entry, so a failure leaves everything as it was. Running it again
 * finds nothing: the pseudonyms are gone from every table.
 */
@Injectable()
export class ErasePersonalDataUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PersonalDataRepository,
    private readonly auditLog: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(scope: TenantScope, identifiers: readonly SubjectIdentifier[]): Promise<ErasureResult> {
    const hashed = hashIdentifiers(this.config, identifiers);
    return this.dataSource.transaction(async (manager) => {
      const sources: ErasureResult['sources'] = [];
      for (const entry of this.repository.columns) {
        const hashes = hashesFor(entry, hashed);
        if (hashes.length === 0) continue;
        const present = await this.repository.tableExists(manager, entry);
        const rows = present ? await this.repository.erase(manager, entry, hashes) : 0;
        sources.push({ context: entry.context, table: entry.table, action: entry.erase, present, rows });
      }
      const subject = hashed.map((identifier) => ({ kind: identifier.kind, pseudonym: identifier.hash }));
      await this.auditLog.append(
        manager,
        auditRecord(scope, { action: 'personal_data.erase', entityType: 'data_subject', entityId: null, before: null, after: { subject, sources } }),
      );
      return { erasedAt: new Date().toISOString(), sources };
    });
  }
}
