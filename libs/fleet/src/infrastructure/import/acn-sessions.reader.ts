import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import type { ImportedSession } from '../../domain/imported-session';
import { CsvRow, SessionFileFormat, cell, optionalCell } from './session-file-format';

/**
 * ACN-Data raw API records (Caltech, workplace). The station is the EVSE, the pseudonymous
 * `user_id` stands in for the vehicle, and the driver's last app input gives the requested energy
 * and departure (PROVENANCE.md: `user_*` hold the last edit). Times are UTC in the file.
 */
export const ACN_SESSIONS_FORMAT: SessionFileFormat = {
  name: 'acn',
  requiredColumns: ['session_id', 'site', 'station_id', 'space_id', 'user_id', 'arrival_utc', 'departure_utc', 'energy_kwh', 'user_kwh_requested', 'user_requested_departure_utc'],
  // Caltech's ACN EVSEs are level-2 AC; 6.6 kW is an assumption, the file has no rating.
  profile: { country: 'US', timezone: 'America/Los_Angeles', innovationCluster: 'workplace', nominalEvseKw: PowerKw.fromString('6.6') },
  currentTypeOf: () => 'AC',
  toSession(row: CsvRow): ImportedSession {
    const requested = optionalCell(row, 'user_kwh_requested');
    const requestedDeparture = optionalCell(row, 'user_requested_departure_utc');
    return {
      sessionId: cell(row, 'session_id'),
      siteId: cell(row, 'site'),
      siteName: cell(row, 'site'),
      chargePointId: cell(row, 'station_id'),
      evseId: cell(row, 'station_id'),
      vehicleId: optionalCell(row, 'user_id'),
      arrival: parseUtcInstant(cell(row, 'arrival_utc')),
      departure: parseUtcInstant(cell(row, 'departure_utc')),
      energy: EnergyKwh.fromString(cell(row, 'energy_kwh')),
      maxPower: null,
      requestedEnergy: requested === null ? null : EnergyKwh.fromString(requested),
      requestedDeparture: requestedDeparture === null ? null : parseUtcInstant(requestedDeparture),
    };
  },
};
