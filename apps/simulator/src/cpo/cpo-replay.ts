import { createHash } from 'node:crypto';
import type { ImportedSession } from '@vpp/fleet';

/** OCPI 2.2.1 wire objects as a CPO sends them (plain JSON, DateTimes as `...Z` strings). */
export type OcpiJson = Record<string, unknown>;

export interface ReplayedSession {
  readonly sessionId: string;
  readonly locationId: string;
  readonly evseUid: string;
  readonly arrival: Date;
  readonly departure: Date;
  /** Energy charged by departure, decimal string as in the source file. */
  readonly energyKwh: string;
  readonly maxPowerKw: string | null;
}

export interface CpoIdentity {
  readonly countryCode: string;
  readonly partyId: string;
}

function ocpiTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

function shortId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12).toUpperCase();
}

/**
 * Maps real sessions (ElaadNL and the other layouts, via the fleet readers) onto one CPO: each
 * charge point becomes a Location with one EVSE per connector, and session ids are the CPO's own
 * sequence numbers, so two simulated CPOs replaying the same file use colliding ids on purpose.
 */
export function replayedSessionsOf(sessions: readonly ImportedSession[]): ReplayedSession[] {
  return sessions.map((session, index) => ({
    sessionId: `S${index + 1}`,
    locationId: `LOC-${shortId(session.siteId)}`,
    evseUid: `EVSE-${shortId(session.evseId ?? session.siteId)}`,
    arrival: session.arrival,
    departure: session.departure,
    energyKwh: session.energy.toString(),
    maxPowerKw: session.maxPower?.toString() ?? null,
  }));
}

export function locationOf(cpo: CpoIdentity, locationId: string, evseUids: readonly string[], lastUpdated: Date): OcpiJson {
  return {
    country_code: cpo.countryCode,
    party_id: cpo.partyId,
    id: locationId,
    publish: true,
    name: `Charge point ${locationId}`,
    address: 'Stationsplein 1',
    city: 'Arnhem',
    postal_code: '6811KG',
    country: 'NLD',
    coordinates: { latitude: '51.98471', longitude: '5.89832' },
    parking_type: 'ON_STREET',
    time_zone: 'Europe/Amsterdam',
    evses: evseUids.map((uid) => ({
      uid,
      evse_id: `${cpo.countryCode}*${cpo.partyId}*E${uid.slice(5)}`,
      status: 'AVAILABLE',
      capabilities: ['CHARGING_PROFILE_CAPABLE', 'CHARGING_PREFERENCES_CAPABLE', 'RFID_READER'],
      connectors: [
        { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, max_electric_power: 22000, last_updated: ocpiTime(lastUpdated) },
      ],
      last_updated: ocpiTime(lastUpdated),
    })),
    last_updated: ocpiTime(lastUpdated),
  };
}

export function sessionOf(cpo: CpoIdentity, replayed: ReplayedSession, status: string, kwh: string, lastUpdated: Date): OcpiJson {
  return {
    country_code: cpo.countryCode,
    party_id: cpo.partyId,
    id: replayed.sessionId,
    start_date_time: ocpiTime(replayed.arrival),
    ...(status === 'COMPLETED' ? { end_date_time: ocpiTime(replayed.departure) } : {}),
    // A JSON number written from the source's decimal string: the wire form OCPI defines.
    kwh: JSON.parse(kwh) as number,
    cdr_token: { country_code: cpo.countryCode, party_id: cpo.partyId, uid: `TOKEN-${replayed.sessionId}`, type: 'RFID', contract_id: `${cpo.countryCode}-${cpo.partyId}-C${replayed.sessionId}` },
    auth_method: 'WHITELIST',
    location_id: replayed.locationId,
    evse_uid: replayed.evseUid,
    connector_id: '1',
    currency: 'EUR',
    status,
    last_updated: ocpiTime(lastUpdated),
  };
}

export { ocpiTime };
