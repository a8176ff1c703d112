import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TenantScope } from '@vpp/access';
import { validateSiteServices, type SiteServiceSettings } from '../../domain/site-services/site-services';
import { siteServicesHistory } from './site-services.queries';
import { siteServicesView, type SiteServicesView } from './site-services.views';

async function requireSite(manager: EntityManager, scope: TenantScope, siteId: string): Promise<void> {
  const rows: { organisationId: string }[] = await manager.query(`SELECT organisation_id AS "organisationId" FROM sites WHERE id = $1`, [siteId]);
  scope.requireOwned(rows[0], 'site');
}

/**
 * Sets a site's behind-the-meter services from a delivery day on (issue 4 item 7). One row per
 * site and effective day: setting the same day again replaces that row, earlier rows stay (a
 * plan for an earlier day keeps the settings it had).
 */
@Injectable()
export class SiteServicesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async set(scope: TenantScope, settings: SiteServiceSettings, now = new Date()): Promise<SiteServicesView[]> {
    validateSiteServices(settings);
    return this.dataSource.transaction(async (manager) => {
      await requireSite(manager, scope, settings.siteId);
      await manager.query(
        `INSERT INTO site_services (site_id, effective_from, peak_shaving, capacity_tariff_eur_per_kw_month, pv_profile_kw, base_load_profile_kw, tariff_kind, tou_periods, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9)
         ON CONFLICT (site_id, effective_from) DO UPDATE SET peak_shaving = EXCLUDED.peak_shaving,
           capacity_tariff_eur_per_kw_month = EXCLUDED.capacity_tariff_eur_per_kw_month, pv_profile_kw = EXCLUDED.pv_profile_kw,
           base_load_profile_kw = EXCLUDED.base_load_profile_kw, tariff_kind = EXCLUDED.tariff_kind, tou_periods = EXCLUDED.tou_periods,
           updated_at = EXCLUDED.updated_at`,
        [
          settings.siteId,
          settings.effectiveFrom,
          settings.capacityTariffEurPerKwMonth !== null,
          settings.capacityTariffEurPerKwMonth?.toFixed() ?? null,
          settings.pvProfileKw ? JSON.stringify(settings.pvProfileKw.map((kw) => kw.toFixed())) : null,
          settings.baseLoadProfileKw ? JSON.stringify(settings.baseLoadProfileKw.map((kw) => kw.toFixed())) : null,
          settings.tariff.kind,
          settings.tariff.kind === 'time-of-use' ? JSON.stringify(settings.tariff.periods) : null,
          now,
        ],
      );
      return (await siteServicesHistory(manager, settings.siteId)).map(siteServicesView);
    });
  }

  async list(scope: TenantScope, siteId: string): Promise<SiteServicesView[]> {
    await requireSite(this.dataSource.manager, scope, siteId);
    return (await siteServicesHistory(this.dataSource.manager, siteId)).map(siteServicesView);
  }
}
