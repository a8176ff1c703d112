import type { PowerKw } from '@vpp/units';
import type { CurrentType, InnovationCluster } from '../../domain/fleet-vocabulary';
import type { ImportedSession } from '../../domain/imported-session';

/** What a file says about its sites when the rows do not (PROVENANCE.md per file). */
export interface SiteProfile {
  readonly country: string;
  readonly timezone: string;
  readonly innovationCluster: InnovationCluster;
  /** EVSE rating assumed when the rows give no power. */
  readonly nominalEvseKw: PowerKw;
}

export type CsvRow = Readonly<Record<string, string | undefined>>;

/**
 * One session layout, recognised by its header. `toSession` throws on a row it cannot read (it
 * is counted as `malformed_row`); usability (zero energy, dwell) is judged afterwards, the same
 * way for every layout.
 */
export interface SessionFileFormat {
  readonly name: string;
  readonly requiredColumns: readonly string[];
  readonly profile: SiteProfile;
  /** DC when the EVSE rating says so (e.g. Dundee's 50 kW rapid chargers); AC otherwise. */
  currentTypeOf(session: ImportedSession): CurrentType;
  toSession(row: CsvRow, occurrence: OccurrenceCounter): ImportedSession;
}

/** Numbers repeated content keys, so layouts without session ids get stable, distinct import refs. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return `${key}#${n}`;
  }
}

/** A required cell, or throws (the row is malformed). */
export function cell(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === undefined || value.trim() === '') throw new Error(`missing ${column}`);
  return value.trim();
}

/** An optional cell: empty means missing (PROVENANCE.md conventions). */
export function optionalCell(row: CsvRow, column: string): string | null {
  const value = row[column];
  return value === undefined || value.trim() === '' ? null : value.trim();
}
