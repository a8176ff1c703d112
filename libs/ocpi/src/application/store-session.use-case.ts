import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EnergyKwh } from '@vpp/units';
import { orderOfUpdate, UpdateOrder } from '../domain/last-updated-order';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiLocationEntity } from '../infrastructure/ocpi-location.entity';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';
import { parseOcpi } from '../protocol/parse-ocpi';
import { chargingPreferencesSchema, OcpiSession, sessionPatchSchema, sessionSchema } from '../protocol/session.schema';
import { OcpiFleetSync } from './ocpi-fleet-sync';
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
    if ((error as { code?: unknown }).code === '23505') return work();
    throw error;
  }
}

// JSON numbers reach us as JS numbers; toFixed(6) is exact for every kWh value OCPI carries, and
// from there on the quantity stays a Decimal.
function energyOf(kwh: number): EnergyKwh {
  return EnergyKwh.fromString(kwh.toFixed(6));
}

function columnsOf(session: OcpiSession, fleetSessionId: string): QueryDeepPartialEntity<OcpiSessionEntity> {
  return {
    locationId: session.location_id,
    evseUid: session.evse_uid,
    connectorId: session.connector_id,
    status: session.status,
    startDateTime: session.start_date_time,
    endDateTime: session.end_date_time ?? null,
    energyKwh: energyOf(session.kwh).value,
    lastUpdated: session.last_updated,
    object: JSON.parse(JSON.stringify(session)) as JsonObject,
    receivedAt: new Date(),
    fleetSessionId,
  } as QueryDeepPartialEntity<OcpiSessionEntity>;
}

/**
 * Sessions receiver (mod_sessions "Receiver Interface"): PUT creates or replaces, PATCH merges,
 * both ordered by `last_updated`. Sessions are keyed by (party, session id): two CPOs may use the
 * same id, and each gets its own session under our ids, in the OCPI copy and the fleet model.
 */
@Injectable()
export class StoreSessionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fleet: OcpiFleetSync,
  ) {}

  async put(party: OcpiPartyEntity, path: SessionPath, body: unknown): Promise<StoredSession> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const session = parseOcpi(sessionSchema, body, 'Session');
    assertBodyMatchesPath(session, { countryCode: path.countryCode, partyId: path.partyId, id: path.sessionId });
    return retryOnUniqueViolation(() =>
      this.dataSource.transaction(async (manager) => {
        await this.assertKnownLocation(manager, party, session.location_id);
        const existing = await this.lockSession(manager, party, path.sessionId);
        const order = existing ? orderOfUpdate(session.last_updated, existing.lastUpdated) : 'apply';
        if (existing && order !== 'apply') return { order, id: existing.id };
        const fleetSessionId = await this.fleet.session(manager, party, session);
        if (existing) {
          await manager.update(OcpiSessionEntity, { id: existing.id }, columnsOf(session, fleetSessionId));
          return { order, id: existing.id };
        }
        const id = randomUUID();
        await manager.insert(OcpiSessionEntity, { id, ocpiPartyId: party.id, sessionId: path.sessionId, ...columnsOf(session, fleetSessionId) } as QueryDeepPartialEntity<OcpiSessionEntity>);
        return { order, id };
      }),
    );
  }

  async patch(party: OcpiPartyEntity, path: SessionPath, body: unknown): Promise<StoredSession> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const patch = parseOcpi(sessionPatchSchema, body, 'Session PATCH');
    assertBodyMatchesPath(patch, { countryCode: path.countryCode, partyId: path.partyId, id: path.sessionId });
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.lockSession(manager, party, path.sessionId);
      if (!existing) throw new OcpiError('OCPI_UNKNOWN_SESSION', `Unknown session ${path.sessionId}`);
      const order = orderOfUpdate(patch.last_updated, existing.lastUpdated);
      if (order !== 'apply') return { order, id: existing.id };
      const merged = parseOcpi(sessionSchema, { ...existing.object, ...(JSON.parse(JSON.stringify(patch)) as JsonObject) }, 'Session after PATCH');
      if (patch.location_id !== undefined) await this.assertKnownLocation(manager, party, merged.location_id);
      const fleetSessionId = await this.fleet.session(manager, party, merged);
      await manager.update(OcpiSessionEntity, { id: existing.id }, columnsOf(merged, fleetSessionId));
      return { order, id: existing.id };
    });
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
          energyNeedKwh: preferences.energy_need === undefined ? null : energyOf(preferences.energy_need).value,
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

  private lockSession(manager: EntityManager, party: OcpiPartyEntity, sessionId: string): Promise<OcpiSessionEntity | null> {
    return manager.findOne(OcpiSessionEntity, { where: { ocpiPartyId: party.id, sessionId }, lock: { mode: 'pessimistic_write' } });
  }

  private async assertKnownLocation(manager: EntityManager, party: OcpiPartyEntity, locationId: string): Promise<void> {
    const known = await manager.exists(OcpiLocationEntity, { where: { ocpiPartyId: party.id, locationId } });
    if (!known) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown location ${locationId}: push the Location first`);
  }
}
