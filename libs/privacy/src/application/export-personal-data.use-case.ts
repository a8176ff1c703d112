import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { hashesFor, hashIdentifiers, SubjectIdentifier } from './personal-data-subject';
import { PersonalDataRepository } from './personal-data.repository';

export interface PersonalDataSourceExport {
  readonly context: string;
  readonly table: string;
  readonly matchedOn: string;
  readonly present: boolean;
  readonly rows: Record<string, unknown>[];
}

export interface PersonalDataExport {
  readonly generatedAt: string;
  readonly subject: { kind: string; pseudonym: string }[];
  readonly sources: PersonalDataSourceExport[];
}

/** GDPR art. 15/20: everything held about one driver, as JSON, found through the keyed hashes. */
@Injectable()
export class ExportPersonalDataUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PersonalDataRepository,
    private readonly auditLog: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(scope: TenantScope, identifiers: readonly SubjectIdentifier[]): Promise<PersonalDataExport> {
    const hashed = hashIdentifiers(this.config, identifiers);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const sources: PersonalDataSourceExport[] = [];
      for (const entry of this.repository.columns) {
        const hashes = hashesFor(entry, hashed);
        if (hashes.length === 0) continue;
        const present = await this.repository.tableExists(manager, entry);
        const rows = present ? await this.repository.rowsOf(manager, entry, hashes) : [];
        sources.push({ context: entry.context, table: entry.table, matchedOn: entry.column, present, rows });
      }
      const subject = hashed.map((identifier) => ({ kind: identifier.kind, pseudonym: identifier.hash }));
      // The audit entry names the pseudonyms and counts, never the raw identifiers.
      await this.auditLog.append(
        manager,
        auditRecord(scope, {
          action: 'personal_data.export',
          entityType: 'data_subject',
          entityId: null,
          before: null,
          after: { subject, rows: sources.map((source) => ({ table: source.table, count: source.rows.length })) },
        }),
      );
      return { generatedAt: new Date().toISOString(), subject, sources };
    });
  }
}
