import type { EntityManager } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import { siteServicesOf } from '../site-services/site-services.queries';
import type { PlanSite } from './plan-inputs';

interface SiteRow {
  site_id: string;
  import_limit_kw: number | null;
  export_limit_kw: number | null;
  fuse_limit_kw: number | null;
}

/**
 * The portfolio's sites with their grid connection (import/export limit, fuse), the services in
 * effect on the delivery day and the month-to-date peak. Limits leave PostgreSQL as float8: they
 * are optimisation input only. A site without a recorded connection has no limit to keep.
 */
export async function loadPlanSites(manager: EntityManager, portfolioId: string, day: DeliveryDay, knownAt: Date): Promise<PlanSite[]> {
  const rows: SiteRow[] = await manager.query(
    `SELECT DISTINCT ps.site_id, g.import_limit_kw::float8 AS import_limit_kw, g.export_limit_kw::float8 AS export_limit_kw, g.fuse_limit_kw::float8 AS fuse_limit_kw
       FROM portfolio_sites ps LEFT JOIN grid_connections g ON g.site_id = ps.site_id
      WHERE ps.portfolio_id = $1 ORDER BY ps.site_id`,
    [portfolioId],
  );
  const sites: PlanSite[] = [];
  for (const row of rows) {
    const services = await siteServicesOf(manager, row.site_id, day.isoDate);
    const peak = services?.capacityTariffEurPerKwMonth ? await monthToDatePeakKw(manager, row.site_id, day, knownAt) : 0;
    sites.push({
      limits: {
        siteId: row.site_id,
        importLimitKw: row.import_limit_kw ?? Number.POSITIVE_INFINITY,
        exportLimitKw: row.export_limit_kw ?? Number.POSITIVE_INFINITY,
        fuseLimitKw: row.fuse_limit_kw,
      },
      services,
      monthToDatePeakKw: peak,
      peakSource: services?.capacityTariffEurPerKwMonth ? 'sessions-measured-power' : 'none',
    });
  }
  return sites;
}

/**
 * Highest ISP net import of the site in the delivery day's calendar month (market time), from
 * what was measured before `knownAt`. There is no site meter in the model, so the site's load is
 * the sum of its sessions' measured power (ISP average per session, summed per ISP): other load
 * behind the connection is not in it, so the true peak can only be higher (documented in every
 * plan that used it). 0 when the month has not started by `knownAt`.
 */
export async function monthToDatePeakKw(manager: EntityManager, siteId: string, day: DeliveryDay, knownAt: Date): Promise<number> {
  const monthStart = day.plusDays(1 - Number.parseInt(day.isoDate.slice(8, 10), 10)).start;
  if (monthStart.getTime() >= knownAt.getTime()) return 0;
  const rows: { peak_kw: number | null }[] = await manager.query(
    `SELECT max(site_kw)::float8 AS peak_kw FROM (
       SELECT isp, sum(session_kw) AS site_kw FROM (
         SELECT mv.session_id, date_bin('15 minutes', mv.measured_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS isp, avg(mv.power_kw) AS session_kw
           FROM meter_values mv JOIN sessions s ON s.id = mv.session_id JOIN evses e ON e.id = s.evse_id
          WHERE e.site_id = $1 AND mv.measured_at >= $2 AND mv.measured_at < $3
          GROUP BY mv.session_id, isp) per_session
       GROUP BY isp) per_isp`,
    [siteId, monthStart, knownAt],
  );
  return Math.max(0, rows[0]?.peak_kw ?? 0);
}
