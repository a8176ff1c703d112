import type { EntityManager } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import { siteServicesOf } from '../site-services/site-services.queries';
import type { PlanSite, SiteControlChannel } from './plan-inputs';

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
  const channels = await siteControlChannels(manager, rows.map((row) => row.site_id), knownAt);
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
      controlChannels: channels.get(row.site_id) ?? [],
      monthToDatePeakKw: peak,
      peakSource: services?.capacityTariffEurPerKwMonth ? 'sessions-measured-power' : 'none',
    });
  }
  return sites;
}

/**
 * Per site, the control channels its steerable charge points are reached over (protocol `ocpi` or
 * `ocpp`; `none` is history only), with the party the charge point is mapped under and the fleet's
 * running latency estimate for that channel and party (channel_latency, what live sessions get in
 * the qualified-sessions query). An estimate last updated after `knownAt` was not known then, so it
 * counts as unmeasured (the plan falls back to the assumed default, and says so).
 */
export async function siteControlChannels(manager: EntityManager, siteIds: readonly string[], knownAt: Date): Promise<Map<string, SiteControlChannel[]>> {
  const out = new Map<string, SiteControlChannel[]>();
  if (siteIds.length === 0) return out;
  const rows: { site_id: string; channel: 'ocpi' | 'ocpp'; party: string | null; p95_ms: number | null; samples: number | null }[] = await manager.query(
    `SELECT DISTINCT cp.site_id, cp.protocol AS channel, x.country_code || '*' || x.party_id AS party, l.p95_ms, l.sample_count AS samples
       FROM charge_points cp
       LEFT JOIN external_ids x ON x.entity_type = 'charge_point' AND x.entity_id = cp.id
       LEFT JOIN channel_latency l ON l.channel = cp.protocol AND l.party = x.country_code || '*' || x.party_id AND l.last_measured_at <= $2
      WHERE cp.site_id = ANY($1::uuid[]) AND cp.protocol IN ('ocpi', 'ocpp')
      ORDER BY 1, 2, 3`,
    [siteIds, knownAt],
  );
  for (const row of rows) {
    const list = out.get(row.site_id) ?? [];
    list.push({ channel: row.channel, party: row.party, measured: row.p95_ms === null || row.samples === null ? null : { p95Ms: row.p95_ms, samples: row.samples } });
    out.set(row.site_id, list);
  }
  return out;
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
