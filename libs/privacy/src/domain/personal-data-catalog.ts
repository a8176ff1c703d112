import type { PseudonymKind } from './pseudonym';

/**
 * Where the platform keeps data about a driver, found through a pseudonym column. Erasure either
 * deletes the row (rows that exist only because of the driver; foreign keys with ON DELETE
 * CASCADE take the rows hanging off them) or nulls the pseudonym (operational rows such as a
 * session's needs, which stay useful and are no longer linkable to anyone once the hash is gone).
 */
export interface PersonalDataColumn {
  readonly context: string;
  readonly table: string;
  readonly column: string;
  readonly kind: PseudonymKind;
  readonly erase: 'delete' | 'unlink';
  /** Columns left out of an export (secrets, internal bookkeeping). */
  readonly omitFromExport?: readonly string[];
}

/**
 * Every pseudonym column of the platform. A context that stores a driver or token identifier adds
 * its column here; a listed column that does not exist (yet) is reported as absent in exports and
 * erasures, never silently skipped.
 */
export const PERSONAL_DATA_COLUMNS: readonly PersonalDataColumn[] = [
  { context: 'oem', table: 'oem_links', column: 'account_hash', kind: 'oem-account', erase: 'delete' },
  { context: 'mobility', table: 'mobility_needs', column: 'driver_hash', kind: 'driver', erase: 'unlink' },
  // OCPI 2.2.1 CdrToken.uid of sessions and CDRs (MARKETS.md section 8); settlement needs the rows,
  // so erasure unlinks them. Reported as absent until libs/ocpi stores the uid as this hash column.
  { context: 'ocpi', table: 'ocpi_sessions', column: 'token_uid_hash', kind: 'ocpi-token', erase: 'unlink' },
  { context: 'ocpi', table: 'ocpi_cdrs', column: 'token_uid_hash', kind: 'ocpi-token', erase: 'unlink' },
];

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Table and column names are interpolated into SQL, so only plain snake_case identifiers pass. */
export function assertSafeIdentifiers(columns: readonly PersonalDataColumn[]): void {
  for (const entry of columns) {
    for (const name of [entry.table, entry.column, ...(entry.omitFromExport ?? [])]) {
      if (!SQL_IDENTIFIER.test(name)) throw new Error(`personal data catalog: "${name}" is not a plain SQL identifier`);
    }
  }
}
