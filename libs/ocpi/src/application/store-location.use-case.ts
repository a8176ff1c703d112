import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { orderOfUpdate, UpdateOrder } from '../domain/last-updated-order';
import { parseOcpiDateTime } from '../domain/ocpi-date-time';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiLocationEntity } from '../infrastructure/ocpi-location.entity';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import {
  connectorPatchSchema,
  connectorSchema,
  evsePatchSchema,
  evseSchema,
  locationPatchSchema,
  locationSchema,
} from '../protocol/location.schema';
import { parseOcpi } from '../protocol/parse-ocpi';
import { OcpiFleetSync } from './ocpi-fleet-sync';
import { assertBodyMatchesPath, assertOwnPath } from './party-path';

export interface LocationPath {
  readonly countryCode: string;
  readonly partyId: string;
  readonly locationId: string;
  readonly evseUid?: string;
  readonly connectorId?: string;
}

type JsonObject = Record<string, unknown>;

/** JSON as stored: Dates become ISO 8601 UTC strings through the JSON round trip. */
function toJson(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

function lastUpdatedOf(object: JsonObject | undefined): Date | null {
  return typeof object?.last_updated === 'string' ? parseOcpiDateTime(object.last_updated) : null;
}

/**
 * Locations receiver (mod_locations "Receiver Interface"): PUT and PATCH at location, EVSE and
 * connector level. Every level is ordered by its own `last_updated`: equal is an idempotent
 * repeat, older is a late or reordered update that is acknowledged and ignored.
 */
@Injectable()
export class StoreLocationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fleet: OcpiFleetSync,
  ) {}

  async put(party: OcpiPartyEntity, path: LocationPath, body: unknown): Promise<UpdateOrder> {
    assertOwnPath(party, path.countryCode, path.partyId);
    if (path.evseUid === undefined) {
      const location = parseOcpi(locationSchema, body, 'Location');
      assertBodyMatchesPath(location, { countryCode: path.countryCode, partyId: path.partyId, id: path.locationId });
      return this.dataSource.transaction(async (manager) => {
        const order = await this.upsertLocation(manager, party, path.locationId, location.last_updated, toJson(location));
        if (order === 'apply') await this.fleet.location(manager, party, location);
        return order;
      });
    }
    const child = path.connectorId === undefined ? parseOcpi(evseSchema, body, 'EVSE') : parseOcpi(connectorSchema, body, 'Connector');
    return this.changeChild(party, path, child.last_updated, toJson(child), 'replace');
  }

  async patch(party: OcpiPartyEntity, path: LocationPath, body: unknown): Promise<UpdateOrder> {
    assertOwnPath(party, path.countryCode, path.partyId);
    if (path.evseUid === undefined) {
      const patch = parseOcpi(locationPatchSchema, body, 'Location PATCH');
      assertBodyMatchesPath(patch, { countryCode: path.countryCode, partyId: path.partyId, id: path.locationId });
      return this.dataSource.transaction(async (manager) => {
        const row = await this.lockLocation(manager, party, path.locationId);
        const order = orderOfUpdate(patch.last_updated, row.lastUpdated);
        if (order !== 'apply') return order;
        const merged = { ...row.object, ...toJson(patch) };
        const location = parseOcpi(locationSchema, merged, 'Location after PATCH');
        await manager.update(OcpiLocationEntity, { id: row.id }, { object: merged, lastUpdated: patch.last_updated, receivedAt: new Date() } as QueryDeepPartialEntity<OcpiLocationEntity>);
        await this.fleet.location(manager, party, location);
        return order;
      });
    }
    const child = path.connectorId === undefined ? parseOcpi(evsePatchSchema, body, 'EVSE PATCH') : parseOcpi(connectorPatchSchema, body, 'Connector PATCH');
    return this.changeChild(party, path, child.last_updated, toJson(child), 'merge');
  }

  async get(party: OcpiPartyEntity, path: LocationPath): Promise<JsonObject> {
    assertOwnPath(party, path.countryCode, path.partyId);
    const row = await this.dataSource.getRepository(OcpiLocationEntity).findOne({ where: { ocpiPartyId: party.id, locationId: path.locationId } });
    if (!row) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown location ${path.locationId}`);
    return row.object;
  }

  private async upsertLocation(
    manager: EntityManager,
    party: OcpiPartyEntity,
    locationId: string,
    lastUpdated: Date,
    object: JsonObject,
  ): Promise<UpdateOrder> {
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO ocpi_locations (id, ocpi_party_id, location_id, last_updated, object, received_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT ON CONSTRAINT uq_ocpi_locations_party_location DO UPDATE
         SET last_updated = EXCLUDED.last_updated, object = EXCLUDED.object, received_at = EXCLUDED.received_at
         WHERE ocpi_locations.last_updated < EXCLUDED.last_updated
       RETURNING (xmax = 0) AS inserted`,
      [randomUUID(), party.id, locationId, lastUpdated, JSON.stringify(object)],
    );
    if (rows.length === 1) return 'apply';
    const current = await manager.findOneOrFail(OcpiLocationEntity, { where: { ocpiPartyId: party.id, locationId } });
    return orderOfUpdate(lastUpdated, current.lastUpdated);
  }

  private async lockLocation(manager: EntityManager, party: OcpiPartyEntity, locationId: string): Promise<OcpiLocationEntity> {
    const row = await manager.findOne(OcpiLocationEntity, { where: { ocpiPartyId: party.id, locationId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown location ${locationId}`);
    return row;
  }

  /** EVSE or connector PUT/PATCH, inside the stored Location under a row lock. */
  private async changeChild(
    party: OcpiPartyEntity,
    path: LocationPath,
    lastUpdated: Date,
    child: JsonObject,
    mode: 'replace' | 'merge',
  ): Promise<UpdateOrder> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockLocation(manager, party, path.locationId);
      const location = structuredClone(row.object);
      const evses = Array.isArray(location.evses) ? (location.evses as JsonObject[]) : [];
      const evseIndex = evses.findIndex((evse) => evse.uid === path.evseUid);
      let target: { list: JsonObject[]; index: number; key: string; id: string };
      if (path.connectorId === undefined) {
        target = { list: evses, index: evseIndex, key: 'uid', id: path.evseUid ?? '' };
      } else {
        if (evseIndex < 0) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown EVSE ${path.evseUid ?? ''} at location ${path.locationId}`);
        const connectors = evses[evseIndex].connectors as JsonObject[];
        target = { list: connectors, index: connectors.findIndex((c) => c.id === path.connectorId), key: 'id', id: path.connectorId };
      }
      if (child[target.key] !== undefined && child[target.key] !== target.id) {
        throw new OcpiError('OCPI_INVALID_PAYLOAD', 'The object does not match its URL', [`${target.key}: differs from the URL`]);
      }
      const existing = target.index >= 0 ? target.list[target.index] : undefined;
      if (mode === 'merge' && !existing) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown ${target.key === 'uid' ? 'EVSE' : 'connector'} ${target.id}`);
      const order = orderOfUpdate(lastUpdated, lastUpdatedOf(existing));
      if (order !== 'apply') return order;
      const next = mode === 'merge' ? { ...existing, ...child } : { ...child, [target.key]: target.id };
      if (target.index >= 0) target.list[target.index] = next;
      else target.list.push(next);
      location.evses = evses;
      const parsed = parseOcpi(locationSchema, location, 'Location after update');
      await manager.update(OcpiLocationEntity, { id: row.id }, { object: location, receivedAt: new Date() } as QueryDeepPartialEntity<OcpiLocationEntity>);
      await this.fleet.location(manager, party, parsed);
      return order;
    });
  }
}
