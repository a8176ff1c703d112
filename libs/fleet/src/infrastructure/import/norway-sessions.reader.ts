import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import type { ImportedSession } from '../../domain/imported-session';
import { CsvRow, SessionFileFormat, cell, optionalCell } from './session-file-format';

/**
 * Residential garages in Trondheim (Norway). A garage is a site; a private charger belongs to one
 * user, a shared charger is named by `shared_id`. The user stands in for the vehicle. Times are
 * UTC in the file (converted from Europe/Oslo, PROVENANCE.md).
 */
export const NORWAY_SESSIONS_FORMAT: SessionFileFormat = {
  name: 'norway',
  requiredColumns: ['session_id', 'garage_id', 'user_id', 'user_type', 'shared_id', 'arrival_utc', 'departure_utc', 'energy_kwh'],
  // Typical Norwegian residential charger (32 A single phase on 230 V IT grids): an assumption.
  profile: { country: 'NO', timezone: 'Europe/Oslo', innovationCluster: 'home', nominalEvseKw: PowerKw.fromString('7.4') },
  currentTypeOf: () => 'AC',
  toSession(row: CsvRow): ImportedSession {
    const garage = cell(row, 'garage_id');
    const user = cell(row, 'user_id');
    const shared = optionalCell(row, 'shared_id');
    const evse = cell(row, 'user_type') === 'Shared' && shared !== null ? `shared:${shared}` : `private:${user}`;
    return {
      sessionId: cell(row, 'session_id'),
      siteId: garage,
      siteName: garage,
      chargePointId: evse,
      evseId: evse,
      vehicleId: user,
      arrival: parseUtcInstant(cell(row, 'arrival_utc')),
      departure: parseUtcInstant(cell(row, 'departure_utc')),
      energy: EnergyKwh.fromString(cell(row, 'energy_kwh')),
      maxPower: null,
    };
  },
};
