import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import type { ImportedSession } from '../../domain/imported-session';
import { CsvRow, SessionFileFormat, cell, optionalCell } from './session-file-format';

const RAPID_KW = PowerKw.of(50);

/**
 * Dundee City Council public charge points (UK). The raw file keeps bad rows on purpose (0 kWh,
 * zero duration, departure before arrival, a 1,430 kWh meter error): the charger's rated power
 * is the session's max power, so the usability check catches energy beyond power x dwell.
 * 50 kW "Rapid" models are DC. Times are UTC in the file.
 */
export const DUNDEE_SESSIONS_FORMAT: SessionFileFormat = {
  name: 'dundee',
  requiredColumns: ['session_id', 'charge_point_id', 'connector_id', 'site', 'charger_model', 'charger_rated_kw_from_model', 'arrival_utc', 'departure_utc', 'energy_kwh'],
  profile: { country: 'GB', timezone: 'Europe/London', innovationCluster: 'public', nominalEvseKw: PowerKw.of(7) },
  currentTypeOf: (session) => (session.maxPower !== null && session.maxPower.compare(RAPID_KW) >= 0 ? 'DC' : 'AC'),
  toSession(row: CsvRow): ImportedSession {
    const chargePoint = cell(row, 'charge_point_id');
    const rated = optionalCell(row, 'charger_rated_kw_from_model');
    return {
      sessionId: cell(row, 'session_id'),
      siteId: cell(row, 'site'),
      siteName: cell(row, 'site'),
      chargePointId: chargePoint,
      evseId: `${chargePoint}*${cell(row, 'connector_id')}`,
      vehicleId: optionalCell(row, 'user_id'),
      arrival: parseUtcInstant(cell(row, 'arrival_utc')),
      departure: parseUtcInstant(cell(row, 'departure_utc')),
      energy: EnergyKwh.fromString(cell(row, 'energy_kwh')),
      maxPower: rated === null ? null : PowerKw.fromString(rated),
    };
  },
};
