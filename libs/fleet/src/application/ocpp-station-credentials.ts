import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashSecret, verifySecret } from '@vpp/access';

// The CSMS (libs/ocpp, AuthenticateStationUseCase) authenticates a station by its row in
// `ocpp_stations`: basic-auth user = station id, password checked against the scrypt hash made
// with @vpp/access's `hashSecret`, the same function `RegisterStationUseCase` uses. libs/ocpp
// depends on this lib, so the operator API cannot call its use case without an import cycle; it
// writes the registration columns itself, inside the request's transaction, and leaves every
// protocol column (version, capabilities, connection state) to the CSMS.

export interface OcppStationCredentials {
  readonly stationId: string;
  readonly organisationId: string;
  /** The site's country: with the organisation it forms the ocpp party (libs/ocpp ocppParty). */
  readonly countryCode: string;
  readonly fleetId: string | null;
  readonly siteId: string;
  readonly passwordHash: string;
  readonly declaredBidirectional: boolean;
}

export function hashStationPassword(password: string): Promise<string> {
  return hashSecret(password);
}

export async function insertOcppStation(manager: EntityManager, station: OcppStationCredentials): Promise<void> {
  await manager.query(
    `INSERT INTO ocpp_stations (id, station_id, organisation_id, country_code, fleet_id, site_id, password_hash, declared_bidirectional, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [randomUUID(), station.stationId, station.organisationId, station.countryCode, station.fleetId, station.siteId, station.passwordHash, station.declaredBidirectional],
  );
}

/** The registration of a station id, whoever owns it, or null when the id is free. */
export async function registeredStation(manager: EntityManager, stationId: string): Promise<{ organisationId: string; siteId: string | null; passwordHash: string } | null> {
  const rows: { organisation_id: string; site_id: string | null; password_hash: string }[] = await manager.query(
    `SELECT organisation_id, site_id, password_hash FROM ocpp_stations WHERE station_id = $1`,
    [stationId],
  );
  const row = rows[0];
  return row === undefined ? null : { organisationId: row.organisation_id, siteId: row.site_id, passwordHash: row.password_hash };
}

export function stationPasswordMatches(password: string, passwordHash: string): Promise<boolean> {
  return verifySecret(password, passwordHash);
}
