import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { PowerKw, parseDecimal } from '@vpp/units';
import { violatedUniqueConstraint } from '../../../persistence/src/unique-violation';
import type { Created } from './create-fleet.use-case';
import { FleetAssetError } from './fleet-asset.errors';
import { auditJson, sameContent, SiteView } from './fleet-asset.views';
import { loadSite } from './fleet-assets.queries';
import { assertEvsesNest, assertSiteLimitsNest } from './limit-nesting';
import { GridConnectionInput, upsertGridConnection } from './upsert-external-location.use-case';

const kw = (text: string): PowerKw => PowerKw.of(parseDecimal(text));

/** The connection as the site view shows it. */
function connectionView(input: GridConnectionInput): NonNullable<SiteView['gridConnection']> {
  return {
    ean: input.ean, importLimitKw: input.importLimitKw.toString(), exportLimitKw: input.exportLimitKw.toString(), fuseLimitKw: input.fuseLimitKw?.toString() ?? null,
    dso: input.dso, congestionArea: input.congestionArea,
  };
}

/**
 * Gives a site that has none its grid connection: a site that came from an import, an OCPI Location
 * or an OCPP registration without one. The EAN needs its check digit and may belong to no other
 * site; the limits nest fuse -> site -> every EVSE already at the site. The site row is locked, so
 * two concurrent requests serialise: the same connection again answers the stored one (idempotent),
 * another one is refused (its limits change with PATCH .../grid-connection). Connection and audit
 * entry commit together.
 */
@Injectable()
export class ConnectSiteUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, siteId: string, connection: GridConnectionInput): Promise<Created<SiteView>> {
    assertSiteLimitsNest(connection);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await loadSite(manager, scope, siteId);
        await manager.query(`SELECT 1 FROM sites WHERE id = $1 FOR UPDATE`, [siteId]);
        const current = (await loadSite(manager, scope, siteId)).gridConnection;
        if (current !== null) {
          if (sameContent(current, connectionView(connection))) return { view: before, created: false };
          throw new FleetAssetError('GRID_CONNECTION_EXISTS', `the site has a grid connection already (EAN ${current.ean}); change its limits with PATCH`);
        }
        const evses: { id: string; max_power_kw: string }[] = await manager.query(`SELECT id, max_power_kw::text FROM evses WHERE site_id = $1`, [siteId]);
        assertEvsesNest(evses.map((evse) => ({ label: `EVSE ${evse.id}`, maxPowerKw: kw(evse.max_power_kw) })), connection);
        await upsertGridConnection(manager, siteId, connection);
        const after = await loadSite(manager, scope, siteId);
        await this.auditLog.append(manager, auditRecord(scope, { action: 'site.connect_grid', entityType: 'site', entityId: siteId, before: auditJson(before), after: auditJson(after) }));
        return { view: after, created: true };
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_grid_connections_ean') throw new FleetAssetError('EAN_TAKEN', `EAN ${connection.ean} belongs to another site`);
      throw error;
    }
  }
}
