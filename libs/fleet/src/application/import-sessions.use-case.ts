import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLogRepository } from '@vpp/access';
import { UnusableSessionReason, emptyUnusableCounts } from '../domain/imported-session';
import type { SessionNeedsIssue } from '../domain/session-needs';
import { readSessionFile, sessionFileFormatOf, sessionFileFormats } from '../infrastructure/import/session-file.reader';
import type { SessionFileFormat, SiteProfile } from '../infrastructure/import/session-file-format';
import { ImportBatch } from './import-batch';
import { EnsureFleetUseCase } from './ensure-fleet.use-case';

export interface ImportSessionsCommand {
  readonly path: string;
  readonly organisationId: string;
  readonly fleetName: string;
  /** Turns a file's driver/card/vehicle id into the stored pseudonym (a keyed hash, issue 3 item 7). */
  readonly pseudonymise: (rawId: string) => string;
  /** Site defaults for a canonical file (the source layouts carry their own). */
  readonly canonicalProfile?: SiteProfile;
  readonly batchSize?: number;
  /** Called every `progressEvery` rows and at the end. */
  readonly onProgress?: (progress: { rowsRead: number; imported: number }) => void;
  readonly progressEvery?: number;
  /** Who runs the import; recorded in the organisation's audit chain. Defaults to the system. */
  readonly actor?: AuditActor;
}

export interface SessionImportReport {
  readonly file: string;
  readonly format: string;
  readonly fleetId: string;
  readonly rowsRead: number;
  /** New sessions written. */
  readonly imported: number;
  /** Usable rows whose session was imported before (re-import, or a repeated id in the file). */
  readonly alreadyPresent: number;
  readonly rejected: Record<UnusableSessionReason, number>;
  /** Imported sessions whose driver request is unusable (kept, flagged in `unusable_reason`). */
  readonly flagged: Partial<Record<SessionNeedsIssue, number>>;
}

/**
 * Loads a session file (any layout of ../shared/data or the canonical one) as historical,
 * finished sessions of a named fleet (issue 3 item 9). Streams the file and writes in `unnest`
 * batches inside one transaction, so a failed import leaves nothing behind. Idempotent: the same
 * file twice gives the same rows (sessions keyed by fleet and `<format>:<session id>`). Every row
 * read is either imported, already present or rejected with a reason:
 * rowsRead = imported + alreadyPresent + sum(rejected).
 */
@Injectable()
export class ImportSessionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ensureFleet: EnsureFleetUseCase,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(command: ImportSessionsCommand): Promise<SessionImportReport> {
    const formats = sessionFileFormats(command.canonicalProfile);
    const format: SessionFileFormat = await sessionFileFormatOf(command.path, formats);
    return this.dataSource.transaction(async (manager) => {
      const fleetId = await this.ensureFleet.execute(manager, { organisationId: command.organisationId, name: command.fleetName });
      const batch = new ImportBatch(manager, { organisationId: command.organisationId, fleetId, profile: format.profile }, format, command.pseudonymise);
      const rejected = emptyUnusableCounts();
      const batchSize = command.batchSize ?? 2_000;
      const progressEvery = command.progressEvery ?? 10_000;
      let rowsRead = 0;
      for await (const row of readSessionFile(command.path, formats)) {
        rowsRead += 1;
        if (row.kind === 'rejected') rejected[row.reason] += 1;
        else batch.add(row.session);
        if (batch.size >= batchSize) await batch.flush();
        if (rowsRead % progressEvery === 0) command.onProgress?.({ rowsRead, imported: batch.imported });
      }
      await batch.flush();
      command.onProgress?.({ rowsRead, imported: batch.imported });
      const report: SessionImportReport = {
        file: command.path, format: format.name, fleetId, rowsRead, imported: batch.imported,
        alreadyPresent: batch.written - batch.imported, rejected, flagged: batch.flagged,
      };
      await this.auditLog.append(manager, {
        organisationId: command.organisationId, actor: command.actor ?? { type: 'system', id: null, organisationId: null }, onBehalfOfOrganisationId: null,
        action: 'sessions.import', entityType: 'fleet', entityId: fleetId, before: null, after: { ...report },
      });
      return report;
    });
  }
}

