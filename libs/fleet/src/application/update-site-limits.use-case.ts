import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, notFound, TenantScope } from '@vpp/access';
import { PowerKw, parseDecimal } from '@vpp/units';
import { auditJson, SiteView } from './fleet-asset.views';
import { loadSite } from './fleet-assets.queries';
import { assertEvsesNest, assertSiteLimitsNest, ConnectionLimits } from './limit-nesting';

/** Absent fields stay; `fuseLimitKw` and `congestionArea` may be cleared with null. */
export interface UpdateSiteLimitsCommand {
  readonly importLimitKw?: PowerKw;
  readonly exportLimitKw?: PowerKw;
  readonly fuseLimitKw?: PowerKw | null;
  readonly dso?: string;
  readonly congestionArea?: string | null;
}

interface ConnectionRow {
  id: string; import_limit_kw: string; export_limit_kw: string; fuse_limit_kw: string | null; dso: string; congestion_area: string | null;
}

const kw = (text: string): PowerKw => PowerKw.of(parseDecimal(text));

/**
 * Changes the limits of a site's grid connection. The connection row is locked, so an EVSE
 * added concurrently is either seen here or checked against the new limits; the new limits must
 * still nest: fuse >= import and export limit >= every EVSE of the site.
 */
@Injectable()
export class UpdateSiteLimitsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  execute(scope: TenantScope, siteId: string, command: UpdateSiteLimitsCommand): Promise<SiteView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await loadSite(manager, scope, siteId);
      const rows: ConnectionRow[] = await manager.query(
        `SELECT id, import_limit_kw::text, export_limit_kw::text, fuse_limit_kw::text, dso, congestion_area FROM grid_connections WHERE site_id = $1 FOR UPDATE`,
        [siteId],
      );
      const row = rows[0];
      if (row === undefined) throw notFound('grid connection');
      const limits: ConnectionLimits = {
        importLimitKw: command.importLimitKw ?? kw(row.import_limit_kw),
        exportLimitKw: command.exportLimitKw ?? kw(row.export_limit_kw),
        fuseLimitKw: command.fuseLimitKw === undefined ? (row.fuse_limit_kw === null ? null : kw(row.fuse_limit_kw)) : command.fuseLimitKw,
      };
      assertSiteLimitsNest(limits);
      const evses: { id: string; max_power_kw: string }[] = await manager.query(`SELECT id, max_power_kw::text FROM evses WHERE site_id = $1`, [siteId]);
      assertEvsesNest(evses.map((evse) => ({ label: `EVSE ${evse.id}`, maxPowerKw: kw(evse.max_power_kw) })), limits);
      await manager.query(
        `UPDATE grid_connections SET import_limit_kw = $2, export_limit_kw = $3, fuse_limit_kw = $4, dso = $5, congestion_area = $6 WHERE id = $1`,
        [
          row.id, limits.importLimitKw.value.toFixed(3), limits.exportLimitKw.value.toFixed(3), limits.fuseLimitKw?.value.toFixed(3) ?? null,
          command.dso ?? row.dso, command.congestionArea === undefined ? row.congestion_area : command.congestionArea,
        ],
      );
      const after = await loadSite(manager, scope, siteId);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'site.update_limits', entityType: 'site', entityId: siteId, before: auditJson(before), after: auditJson(after) }));
      return after;
    });
  }
}
