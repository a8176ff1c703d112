import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import type { ExternalEntityType } from '../domain/fleet-vocabulary';

export interface ExternalIdView {
  readonly countryCode: string;
  readonly partyId: string;
  readonly externalId: string;
  readonly createdAt: string;
}

// How each entity type reaches its owning organisation: assets through their site, vehicles and
// sessions through their fleet.
const OWNER_SQL: Record<ExternalEntityType, string> = {
  site: `SELECT 1 FROM sites s WHERE s.id = $1 AND s.organisation_id = $2`,
  charge_point: `SELECT 1 FROM charge_points c JOIN sites s ON s.id = c.site_id WHERE c.id = $1 AND s.organisation_id = $2`,
  evse: `SELECT 1 FROM evses e JOIN sites s ON s.id = e.site_id WHERE e.id = $1 AND s.organisation_id = $2`,
  vehicle: `SELECT 1 FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE v.id = $1 AND f.organisation_id = $2`,
  session: `SELECT 1 FROM sessions x JOIN fleets f ON f.id = x.fleet_id WHERE x.id = $1 AND f.organisation_id = $2`,
};

/** Read-only: which ids the parties (CPOs, stations, OEMs) use for one of the tenant's entities. */
@Injectable()
export class ExternalIdsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async of(scope: TenantScope, entityType: ExternalEntityType, entityId: string): Promise<ExternalIdView[]> {
    const owned: unknown[] = await this.dataSource.query(OWNER_SQL[entityType], [entityId, scope.organisationId]);
    if (owned.length === 0) throw notFound(entityType.replace('_', ' '));
    const rows: { country_code: string; party_id: string; external_id: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT country_code, party_id, external_id, created_at FROM external_ids WHERE entity_type = $1 AND entity_id = $2 ORDER BY created_at, id`,
      [entityType, entityId],
    );
    return rows.map((row) => ({ countryCode: row.country_code, partyId: row.party_id, externalId: row.external_id, createdAt: row.created_at.toISOString() }));
  }
}
