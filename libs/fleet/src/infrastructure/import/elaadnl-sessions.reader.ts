import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import { ImportedSession, SessionImportResult, emptyUnusableCounts } from '../../domain/imported-session';
import { unusableReason } from '../../domain/session-usability';

export const ELAADNL_SESSION_COLUMNS = [
  'session_id', 'charge_point_id', 'connector_id', 'card_id', 'arrival_utc', 'departure_utc',
  'connected_time_h', 'charging_time_h', 'energy_kwh', 'max_power_kw',
] as const;

type ElaadRow = Record<(typeof ELAADNL_SESSION_COLUMNS)[number], string>;

export function isElaadNlHeader(header: readonly string[]): boolean {
  return ELAADNL_SESSION_COLUMNS.every((column) => header.includes(column));
}

/**
 * Reads the ElaadNL open-data layout. The charge point is the site (the public data has no
 * site ids), the hashed RFID card stands in for the vehicle, and the observed maximum power is
 * the session's max power.
 */
export function readElaadNlSessions(path: string, keep: (arrival: Date) => boolean = () => true): SessionImportResult {
  const rows: ElaadRow[] = parse(readFileSync(path), { columns: true, skip_empty_lines: true });
  if (rows.length > 0 && !isElaadNlHeader(Object.keys(rows[0]))) {
    throw new Error(`${path}: not the ElaadNL session layout (expected columns ${ELAADNL_SESSION_COLUMNS.join(', ')})`);
  }
  const unusable = emptyUnusableCounts();
  const sessions: ImportedSession[] = [];
  let rowsRead = 0;
  for (const row of rows) {
    let session: ImportedSession;
    try {
      session = {
        sessionId: row.session_id,
        siteId: row.charge_point_id,
        evseId: `${row.charge_point_id}*${row.connector_id}`,
        vehicleId: row.card_id || null,
        arrival: parseUtcInstant(row.arrival_utc),
        departure: parseUtcInstant(row.departure_utc),
        energy: EnergyKwh.fromString(row.energy_kwh),
        maxPower: row.max_power_kw === '' ? null : PowerKw.fromString(row.max_power_kw),
      };
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
