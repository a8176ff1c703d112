import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PowerKw } from '@vpp/units';
import { parseEan } from '../domain/ean';
import type { ExternalParty, InnovationCluster } from '../domain/fleet-vocabulary';
import { SiteEntity } from '../infrastructure/persistence/site.entity';
import { assertInTransaction, claimExternalId } from './external-ids';

export interface GridConnectionInput {
  /** 18 digits with a valid check digit, or `INVALID_EAN`. */
  readonly ean: string;
  readonly importLimitKw: PowerKw;
  readonly exportLimitKw: PowerKw;
  readonly fuseLimitKw: PowerKw | null;
  readonly dso: string;
  readonly congestionArea: string | null;
}

export interface UpsertExternalLocationCommand {
  readonly party: ExternalParty;
  /** OCPI Location `id`, or an OCPP depot's id. */
  readonly externalLocationId: string;
  /** The owner of the site: the CPO's organisation for OCPI, the fleet owner for a depot. */
  readonly organisationId: string;
  readonly fleetId: string | null;
  readonly name: string;
  /** ISO 3166-1 alpha-2 (OCPI gives alpha-3: convert at the adapter). */
  readonly country: string;
  readonly innovationCluster: InnovationCluster;
  readonly timezone: string;
  readonly gridConnection?: GridConnectionInput;
}

/** Creates or updates the site behind a party's location id; returns our site id. */
@Injectable()
export class UpsertExternalLocationUseCase {
  async execute(manager: EntityManager, command: UpsertExternalLocationCommand): Promise<{ siteId: string; created: boolean }> {
    assertInTransaction(manager, 'upsertExternalLocation');
    const { entityId: siteId, created } = await claimExternalId(manager, 'site', command.party, command.externalLocationId, randomUUID());
    const columns = { organisationId: command.organisationId, fleetId: command.fleetId, name: command.name, country: command.country, innovationCluster: command.innovationCluster, timezone: command.timezone };
    if (created) await manager.insert(SiteEntity, { id: siteId, ...columns, importRef: null, createdAt: new Date() });
    else await manager.update(SiteEntity, { id: siteId }, columns);
    if (command.gridConnection) await upsertGridConnection(manager, siteId, command.gridConnection);
    return { siteId, created };
  }
}

/** One grid connection per site; a changed EAN or limit replaces the values in place. */
export async function upsertGridConnection(manager: EntityManager, siteId: string, input: GridConnectionInput): Promise<string> {
  const ean = parseEan(input.ean);
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO grid_connections (id, site_id, ean, import_limit_kw, export_limit_kw, fuse_limit_kw, dso, congestion_area, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT ON CONSTRAINT uq_grid_connections_site DO UPDATE SET
       ean = EXCLUDED.ean, import_limit_kw = EXCLUDED.import_limit_kw, export_limit_kw = EXCLUDED.export_limit_kw,
       fuse_limit_kw = EXCLUDED.fuse_limit_kw, dso = EXCLUDED.dso, congestion_area = EXCLUDED.congestion_area
     RETURNING id`,
    [
      randomUUID(), siteId, ean, input.importLimitKw.value.toFixed(3), input.exportLimitKw.value.toFixed(3),
      input.fuseLimitKw === null ? null : input.fuseLimitKw.value.toFixed(3), input.dso, input.congestionArea,
    ],
  );
  return rows[0].id;
}

