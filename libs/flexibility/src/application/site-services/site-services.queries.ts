import type { EntityManager } from 'typeorm';
import { Decimal } from '@vpp/units';
import type { SiteServiceSettings, TouPeriod } from '../../domain/site-services/site-services';

interface Row {
  site_id: string;
  effective_from: string;
  capacity_tariff_eur_per_kw_month: string | null;
  pv_profile_kw: string[] | null;
  base_load_profile_kw: string[] | null;
  tariff_kind: 'dynamic' | 'time-of-use';
  tou_periods: TouPeriod[] | null;
}

const SELECT = `SELECT site_id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, capacity_tariff_eur_per_kw_month::text,
                       pv_profile_kw, base_load_profile_kw, tariff_kind, tou_periods FROM site_services`;

export function settingsOf(row: Row): SiteServiceSettings {
  return {
    siteId: row.site_id,
    effectiveFrom: row.effective_from,
    capacityTariffEurPerKwMonth: row.capacity_tariff_eur_per_kw_month === null ? null : new Decimal(row.capacity_tariff_eur_per_kw_month),
    pvProfileKw: row.pv_profile_kw?.map((kw) => new Decimal(kw)) ?? null,
    baseLoadProfileKw: row.base_load_profile_kw?.map((kw) => new Decimal(kw)) ?? null,
    tariff: row.tariff_kind === 'time-of-use' && row.tou_periods ? { kind: 'time-of-use', periods: row.tou_periods } : { kind: 'dynamic' },
  };
}

/** The settings in effect on a delivery day (latest effective_from on or before it), or null. */
export async function siteServicesOf(manager: EntityManager, siteId: string, isoDay: string): Promise<SiteServiceSettings | null> {
  const rows: Row[] = await manager.query(`${SELECT} WHERE site_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`, [siteId, isoDay]);
  return rows.length === 0 ? null : settingsOf(rows[0]);
}

/** Every row of a site, oldest first. */
export async function siteServicesHistory(manager: EntityManager, siteId: string): Promise<SiteServiceSettings[]> {
  const rows: Row[] = await manager.query(`${SELECT} WHERE site_id = $1 ORDER BY effective_from`, [siteId]);
  return rows.map(settingsOf);
}
