import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import { ImportedSession, SessionImportResult, emptyUnusableCounts } from '../../domain/imported-session';
import { unusableReason } from '../../domain/session-usability';
import { CsvRow, OccurrenceCounter, SessionFileFormat, cell, optionalCell } from './session-file-format';

export const ELAADNL_SESSION_COLUMNS = [
  'session_id', 'charge_point_id', 'connector_id', 'card_id', 'arrival_utc', 'departure_utc',
  'connected_time_h', 'charging_time_h', 'energy_kwh', 'max_power_kw',
] as const;

export function isElaadNlHeader(header: readonly string[]): boolean {
  return ELAADNL_SESSION_COLUMNS.every((column) => header.includes(column));
}

/**
 * The ElaadNL open-data layout. The charge point is the site (the public data has no site ids),
 * the hashed RFID card stands in for the vehicle, and the observed maximum power is the
 * session's max power. Times are UTC (PROVENANCE.md checked the commute peak).
 */
export const ELAADNL_SESSIONS_FORMAT: SessionFileFormat = {
  name: 'elaadnl',
  requiredColumns: ELAADNL_SESSION_COLUMNS,
  profile: { country: 'NL', timezone: 'Europe/Amsterdam', innovationCluster: 'public', nominalEvseKw: PowerKw.of(11) },
  currentTypeOf: () => 'AC',
  toSession(row: CsvRow): ImportedSession {
    const chargePoint = cell(row, 'charge_point_id');
    const maxPower = optionalCell(row, 'max_power_kw');
    return {
      sessionId: cell(row, 'session_id'),
      siteId: chargePoint,
      chargePointId: chargePoint,
      evseId: `${chargePoint}*${cell(row, 'connector_id')}`,
      vehicleId: optionalCell(row, 'card_id'),
      arrival: parseUtcInstant(cell(row, 'arrival_utc')),
      departure: parseUtcInstant(cell(row, 'departure_utc')),
      energy: EnergyKwh.fromString(cell(row, 'energy_kwh')),
      maxPower: maxPower === null ? null : PowerKw.fromString(maxPower),
    };
  },
};

/**
 * Reads a whole ElaadNL file into memory (the demo and the simulator use it; the importer
 * streams instead). `keep` filters by arrival; rows it drops are not counted as read.
 */
export function readElaadNlSessions(path: string, keep: (arrival: Date) => boolean = () => true): SessionImportResult {
  const rows: Record<string, string>[] = parse(readFileSync(path), { columns: true, skip_empty_lines: true });
  if (rows.length > 0 && !isElaadNlHeader(Object.keys(rows[0]))) {
    throw new Error(`${path}: not the ElaadNL session layout (expected columns ${ELAADNL_SESSION_COLUMNS.join(', ')})`);
  }
  const unusable = emptyUnusableCounts();
  const sessions: ImportedSession[] = [];
  let rowsRead = 0;
  const occurrence = new OccurrenceCounter();
  for (const row of rows) {
    let session: ImportedSession;
    try {
      session = ELAADNL_SESSIONS_FORMAT.toSession(row, occurrence);
    } catch {
      rowsRead += 1;
      unusable.malformed_row += 1;
      continue;
    }
    if (!keep(session.arrival)) continue;
    rowsRead += 1;
    const reason = unusableReason(session);
    if (reason) unusable[reason] += 1;
    else sessions.push(session);
  }
  return { format: 'elaadnl', sessions, rowsRead, unusable };
}
