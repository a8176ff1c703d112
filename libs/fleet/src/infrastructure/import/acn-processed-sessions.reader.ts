import { EnergyKwh, PowerKw, parseUtcInstant } from '@vpp/units';
import type { ImportedSession } from '../../domain/imported-session';
import { CsvRow, OccurrenceCounter, SessionFileFormat, cell } from './session-file-format';

/**
 * ACN-Data as processed by ev-load-open-data (no session, station or user ids). Sessions are
 * keyed by their content plus an occurrence number, so re-importing the file is idempotent and
 * two identical rows stay two sessions. All sessions share one EVSE per site: the file cannot
 * tell stations apart.
 */
export const ACN_PROCESSED_SESSIONS_FORMAT: SessionFileFormat = {
  name: 'acn-processed',
  requiredColumns: ['arrival_utc', 'departure_utc', 'done_charging_utc', 'energy_kwh', 'park_duration_min', 'charge_duration_min', 'site'],
  profile: { country: 'US', timezone: 'America/Los_Angeles', innovationCluster: 'workplace', nominalEvseKw: PowerKw.fromString('6.6') },
  currentTypeOf: () => 'AC',
  toSession(row: CsvRow, occurrence: OccurrenceCounter): ImportedSession {
    const arrival = cell(row, 'arrival_utc');
    const departure = cell(row, 'departure_utc');
    const energy = cell(row, 'energy_kwh');
    const site = cell(row, 'site');
    return {
      sessionId: occurrence.next(`${site}/${arrival}/${departure}/${energy}`),
      siteId: site,
      siteName: site,
      chargePointId: null,
      evseId: null,
      vehicleId: null,
      arrival: parseUtcInstant(arrival),
      departure: parseUtcInstant(departure),
      energy: EnergyKwh.fromString(energy),
      maxPower: null,
    };
  },
};
