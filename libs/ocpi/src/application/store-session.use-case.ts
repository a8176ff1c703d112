import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Pseudonymiser } from '@vpp/privacy';
import { isUniqueViolation } from '../../../persistence/src/unique-violation';
import { orderOfUpdate, UpdateOrder } from '../domain/last-updated-order';
import { OcpiError } from '../domain/ocpi.errors';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';
import { ocpiKwh } from '../protocol/ocpi-primitives';
import { parseOcpi } from '../protocol/parse-ocpi';
import { chargingPreferencesSchema, OcpiSessionPatch, sessionPatchSchema, sessionSchema } from '../protocol/session.schema';
import { StoredOcpiSession, storedSessionSchema, withoutTokenIdentifiers } from '../protocol/stored-object';
import { OcpiFleetSync } from './ocpi-fleet-sync';
import { OcpiSessionTelemetry } from './ocpi-session-telemetry';
import { assertBodyMatchesPath, assertOwnPath } from './party-path';

export interface SessionPath {
  readonly countryCode: string;
  readonly partyId: string;
  readonly sessionId: string;
}

export interface StoredSession {
  readonly order: UpdateOrder;
  /** Our OCPI session row id (the same for every update of this CPO session). */
  readonly id: string;
}

type JsonObject = Record<string, unknown>;

// Two first PUTs of one session can race past the row lock (there is no row yet to lock); the
// loser hits the unique key and, run again, finds the winner's row and orders itself after it.
async function retryOnUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) return work();
    throw error;
  }
}

/** The row as the hot path needs it, read under a row lock. */
interface LockedSession {
  readonly id: string;
  readonly lastUpdated: Date;
  readonly fleetSessionId: string | null;
}

/** What the Session's transaction tells the meter value step after it. */
interface Written extends StoredSession {
  readonly fleetSessionId: string | null;
  /** The fleet session was created by this write (it holds no meter values yet). */
  readonly fleetSessionCreated?: boolean;
}

// Bound on the known-Location cache (entries are a few dozen bytes; a CPO has thousands of Locations at most).
const MAX_KNOWN_LOCATIONS = 100_000;

// One statement per write, no read-back: every column comes from the (stored form of the) session.
async function writeSession(manager: EntityManager, id: string, session: StoredOcpiSession, tokenUidHash: string | null, fleetSessionId: string): Promise<void> {
  await manager.query(
    `UPDATE ocpi_sessions SET location_id = $2, evse_uid = $3, connector_id = $4, status = $5, start_date_time = $6, end_date_time = $7,
       energy_kwh = $8, last_updated = $9, object = $10, received_at = $11, fleet_session_id = $12, token_uid_hash = $13
     WHERE id = $1`,
    [
      id,
      session.location_id,
      session.evse_uid,
      session.connector_id,
      session.status,
      session.start_date_time,
      session.end_date_time ?? null,
      ocpiKwh(session.kwh).toString(),
      session.last_updated,
      JSON.stringify(session),
      new Date(),
      fleetSessionId,
      tokenUidHash,
    ],
  );
}

async function insertSession(
  manager: EntityManager,
  id: string,
  party: OcpiPartyEntity,
  sessionId: string,
  session: StoredOcpiSession,
  tokenUidHash: string,
  fleetSessionId: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO ocpi_sessions (id, ocpi_party_id, session_id, location_id, evse_uid, connector_id, status, start_date_time, end_date_time,
       energy_kwh, last_updated, object, received_at, fleet_session_id, token_uid_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      id,
      party.id,
      sessionId,
      session.location_id,
      session.evse_uid,
      session.connector_id,
      session.status,
      session.start_date_time,
      session.end_date_time ?? null,
      ocpiKwh(session.kwh).toString(),
      session.last_updated,
      JSON.stringify(session),
      new Date(),
      fleetSessionId,
      tokenUidHash,
    ],
  );
}

interface MergedPatch {
  readonly id: string;
  /** `last_updated` before this PATCH. */
  readonly lastUpdated: Date;
  readonly fleetSessionId: string | null;
  /** The stored object with the PATCH merged in; null when the PATCH was not newer (nothing written). */
  readonly mergedObject: JsonObject | null;
}

/**
 * PATCH in one round trip: locks the row, applies the PATCH only when it is newer than the stored
 * `last_updated` (top-level merge, as `{...stored, ...patch}`), and sets each column derived from a
 * top-level field the PATCH carries. Returns null for an unknown session.
 */
async function mergeSessionPatch(
  manager: EntityManager,
  party: OcpiPartyEntity,
  sessionId: string,
  patch: OcpiSessionPatch,
  storedPatch: JsonObject,
  tokenUidHash: string | undefined,
): Promise<MergedPatch | null> {
  const rows: { id: string; last_updated: Date; fleet_session_id: string | null; object: JsonObject | null }[] = await manager.query(
    `WITH old AS (
       SELECT id, last_updated, fleet_session_id FROM ocpi_sessions WHERE ocpi_party_id = $1 AND session_id = $2 FOR UPDATE
     ), written AS (
       UPDATE ocpi_sessions s SET
         object = s.object || $3::jsonb,
         location_id = coalesce($4, s.location_id), evse_uid = coalesce($5, s.evse_uid), connector_id = coalesce($6, s.connector_id),
         status = coalesce($7, s.status), start_date_time = coalesce($8::timestamptz, s.start_date_time),
         end_date_time = CASE WHEN $9::boolean THEN $10::timestamptz ELSE s.end_date_time END,
         energy_kwh = coalesce($11::numeric, s.energy_kwh), last_updated = $12, received_at = $13,
         token_uid_hash = CASE WHEN $14::boolean THEN $15 ELSE s.token_uid_hash END
       FROM old WHERE s.id = old.id AND old.last_updated < $12
       RETURNING s.object
     )
     SELECT old.id, old.last_updated, old.fleet_session_id, written.object FROM old LEFT JOIN written ON true`,
    [
      party.id,
      sessionId,
      JSON.stringify(storedPatch),
      patch.location_id ?? null,
      patch.evse_uid ?? null,
      patch.connector_id ?? null,
      patch.status ?? null,
      patch.start_date_time ?? null,
      'end_date_time' in storedPatch,
      patch.end_date_time ?? null,
      patch.kwh === undefined ? null : ocpiKwh(patch.kwh).toString(),
      patch.last_updated,
      new Date(),
      tokenUidHash !== undefined,
      tokenUidHash ?? null,
    ],
  );
  const row = rows[0];
  return row === undefined ? null : { id: row.id, lastUpdated: row.last_updated, fleetSessionId: row.fleet_session_id, mergedObject: row.object };
}

/**
 * Sessions receiver (mod_sessions "Receiver Interface"): PUT creates or replaces, PATCH merges,
 * both ordered by `last_updated`. Sessions are keyed by (party, session id): two CPOs may use the
 * same id, and each gets its own session under our ids, in the OCPI copy and the fleet model.
 */
@Injectable()
export class StoreSessionUseCase {
  // Locations a Session PUT named and that were stored: every PUT checks its Location, and OCPI
  // Locations are never deleted (a removed one stays, with its EVSEs REMOVED), so a committed row
  // found once stays there. Unknown ones are never cached.
  private readonly knownLocations = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly fleet: OcpiFleetSync,
    private readonly pseudonymiser: Pseudonymiser,
    private readonly telemetry: OcpiSessionTelemetry,
  ) {}

  async put(party: OcpiPartyEntity, path: SessionPath, body: unknown): Promise<StoredSession> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const session = parseOcpi(sessionSchema, body, 'Session');
    assertBodyMatchesPath(session, { countryCode: path.countryCode, partyId: path.partyId, id: path.sessionId });
    const { stored, tokenUid } = withoutTokenIdentifiers(session);
    const storedSession = parseOcpi(storedSessionSchema, stored, 'Session');
    const tokenUidHash = this.pseudonymiser.pseudonymise('ocpi-token', tokenUid ?? session.cdr_token.uid);
    const written = await retryOnUniqueViolation(() =>
      this.dataSource.transaction(async (manager): Promise<Written> => {
        await this.assertKnownLocation(manager, party, session.location_id);
        const existing = await this.lockSession(manager, party, path.sessionId);
        const order = existing ? orderOfUpdate(session.last_updated, existing.lastUpdated) : 'apply';
        if (existing && order !== 'apply') return { order, id: existing.id, fleetSessionId: existing.fleetSessionId };
        // A first PUT (no row of ours yet) most likely opens a new fleet session: claimed, not looked up first.
        const fleet = await this.fleet.session(manager, party, storedSession, existing?.fleetSessionId ?? null, existing === null);
        if (existing) {
          await writeSession(manager, existing.id, storedSession, tokenUidHash, fleet.id);
          return { order, id: existing.id, fleetSessionId: fleet.id, fleetSessionCreated: fleet.created };
        }
        const id = randomUUID();
        await insertSession(manager, id, party, path.sessionId, storedSession, tokenUidHash, fleet.id);
        return { order, id, fleetSessionId: fleet.id, fleetSessionCreated: fleet.created };
      }),
    );
    // After the commit, idempotently (see OcpiSessionTelemetry): late and replayed ones too.
    if (written.fleetSessionId !== null) {
      await this.telemetry.record({
        fleetSessionId: written.fleetSessionId,
        kwh: ocpiKwh(session.kwh),
        lastUpdated: session.last_updated,
        startedAt: session.start_date_time,
        newSession: written.fleetSessionCreated === true,
      });
    }
    return { order: written.order, id: written.id };
  }

  async patch(party: OcpiPartyEntity, path: SessionPath, body: unknown): Promise<StoredSession> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const patch = parseOcpi(sessionPatchSchema, body, 'Session PATCH');
    assertBodyMatchesPath(patch, { countryCode: path.countryCode, partyId: path.partyId, id: path.sessionId });
    const { stored, tokenUid } = withoutTokenIdentifiers(patch);
    const tokenUidHash = tokenUid === undefined ? undefined : this.pseudonymiser.pseudonymise('ocpi-token', tokenUid);
    const written = await this.dataSource.transaction(async (manager): Promise<Written & { startedAt: Date | null }> => {
      // Lock, order check and merge in one statement; a merge that turns out invalid below throws,
      // and the transaction takes the write back (nothing of a bad PATCH is stored).
      const result = await mergeSessionPatch(manager, party, path.sessionId, patch, stored, tokenUidHash);
      if (result === null) throw new OcpiError('OCPI_UNKNOWN_SESSION', `Unknown session ${path.sessionId}`);
      const order = orderOfUpdate(patch.last_updated, result.lastUpdated);
      if (order !== 'apply' || result.mergedObject === null) {
        return { order, id: result.id, fleetSessionId: result.fleetSessionId, startedAt: patch.start_date_time ?? null };
      }
      const merged = parseOcpi(storedSessionSchema, result.mergedObject, 'Session after PATCH');
      if (patch.location_id !== undefined) await this.assertKnownLocation(manager, party, merged.location_id);
      const fleetSessionId = (await this.fleet.session(manager, party, merged, result.fleetSessionId)).id;
      if (fleetSessionId !== result.fleetSessionId) await manager.query(`UPDATE ocpi_sessions SET fleet_session_id = $2 WHERE id = $1`, [result.id, fleetSessionId]);
      return { order, id: result.id, fleetSessionId, startedAt: merged.start_date_time };
    });
    // After the commit, idempotently (see OcpiSessionTelemetry): late and replayed PATCHes too.
    if (patch.kwh !== undefined && written.fleetSessionId !== null) {
      await this.telemetry.record({ fleetSessionId: written.fleetSessionId, kwh: ocpiKwh(patch.kwh), lastUpdated: patch.last_updated, startedAt: written.startedAt });
    }
    return { order: written.order, id: written.id };
  }

  /** ChargingPreferences of a session (mod_sessions "ChargingPreferences object"). */
  async putPreferences(party: OcpiPartyEntity, path: SessionPath, body: unknown): Promise<void> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const preferences = parseOcpi(chargingPreferencesSchema, body, 'ChargingPreferences');
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.lockSession(manager, party, path.sessionId);
      if (!existing) throw new OcpiError('OCPI_UNKNOWN_SESSION', `Unknown session ${path.sessionId}`);
      await manager.update(
        OcpiSessionEntity,
        { id: existing.id },
        {
          departureTime: preferences.departure_time ?? null,
          energyNeedKwh: preferences.energy_need === undefined ? null : ocpiKwh(preferences.energy_need).value,
          dischargeAllowed: preferences.discharge_allowed ?? null,
        },
      );
      await this.fleet.preferences(manager, party, path.sessionId, existing.lastUpdated, preferences);
    });
  }

  async get(party: OcpiPartyEntity, path: SessionPath): Promise<JsonObject> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const row = await this.dataSource.getRepository(OcpiSessionEntity).findOne({ where: { ocpiPartyId: party.id, sessionId: path.sessionId } });
    if (!row) throw new OcpiError('OCPI_UNKNOWN_SESSION', `Unknown session ${path.sessionId}`);
    return row.object;
  }

  private async lockSession(manager: EntityManager, party: OcpiPartyEntity, sessionId: string): Promise<LockedSession | null> {
    const rows: { id: string; last_updated: Date; fleet_session_id: string | null }[] = await manager.query(
      `SELECT id, last_updated, fleet_session_id FROM ocpi_sessions WHERE ocpi_party_id = $1 AND session_id = $2 FOR UPDATE`,
      [party.id, sessionId],
    );
    const row = rows[0];
    return row === undefined ? null : { id: row.id, lastUpdated: row.last_updated, fleetSessionId: row.fleet_session_id };
  }

  private async assertKnownLocation(manager: EntityManager, party: OcpiPartyEntity, locationId: string): Promise<void> {
    const key = `${party.id}/${locationId}`;
    if (this.knownLocations.has(key)) return;
    const known: unknown[] = await manager.query(`SELECT 1 FROM ocpi_locations WHERE ocpi_party_id = $1 AND location_id = $2`, [party.id, locationId]);
    if (known.length === 0) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown location ${locationId}: push the Location first`);
    if (this.knownLocations.size >= MAX_KNOWN_LOCATIONS) this.knownLocations.clear();
    this.knownLocations.add(key);
  }
}
