import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import type { ImportedSession } from '../../domain/imported-session';
import { CsvRow, SessionFileFormat, SiteProfile, cell, optionalCell } from './session-file-format';

/** Defaults for a user's own canonical file; the CLI can override them (--country, --timezone, --cluster). */
export const CANONICAL_SITE_PROFILE: SiteProfile = { country: 'NL', timezone: 'Europe/Amsterdam', innovationCluster: 'public', nominalEvseKw: PowerKw.of(11) };

/**
 * The platform's canonical layout (ARCHITECTURE.md section 6): `session_id, site_id,
 * arrival_utc, departure_utc, energy_kwh` and optionally `max_power_kw, requested_energy_kwh,
 * requested_departure_utc, vehicle_id, evse_id`.
 */
export function canonicalSessionsFormat(profile: SiteProfile = CANONICAL_SITE_PROFILE): SessionFileFormat {
  return {
    name: 'canonical',
    requiredColumns: ['session_id', 'site_id', 'arrival_utc', 'departure_utc', 'energy_kwh'],
    profile,
    currentTypeOf: () => 'AC',
    toSession(row: CsvRow): ImportedSession {
      const maxPower = optionalCell(row, 'max_power_kw');
      const requested = optionalCell(row, 'requested_energy_kwh');
      const requestedDeparture = optionalCell(row, 'requested_departure_utc');
      return {
        sessionId: cell(row, 'session_id'),
        siteId: cell(row, 'site_id'),
        evseId: optionalCell(row, 'evse_id'),
        chargePointId: optionalCell(row, 'evse_id'),
        vehicleId: optionalCell(row, 'vehicle_id'),
        arrival: parseUtcInstant(cell(row, 'arrival_utc')),
        departure: parseUtcInstant(cell(row, 'departure_utc')),
        energy: EnergyKwh.fromString(cell(row, 'energy_kwh')),
        maxPower: maxPower === null ? null : PowerKw.fromString(maxPower),
        requestedEnergy: requested === null ? null : EnergyKwh.fromString(requested),
        requestedDeparture: requestedDeparture === null ? null : parseUtcInstant(requestedDeparture),
      };
    },
  };
}
