import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { effectiveNeedsOfRow, NEEDS_OVERRIDE_COLUMNS, NEEDS_OVERRIDE_JOINS, type NeedsOverrideColumns } from '@vpp/mobility';
import { Decimal, EnergyKwh, type DeliveryDay } from '@vpp/units';
import { flexibilityFromSessions, SessionWindow } from '../domain/congestion-flexibility';
import { PlannedSession, plannedSessionDeviation } from '../domain/planned-session-flexibility';

const ISP_MS = 15 * 60_000;

export const PLAN_METHOD = 'stored-plan-envelope-v1';
export const SIMPLE_METHOD = 'sessions-max-power-v1';

/** The flexibility of the sessions behind one grid connection, per ISP of the day (index 0 = ISP 1). */
export interface ConnectionFlexibilityRow {
  readonly ean: string;
  /** Consume less (ledger `up`), kW. */
  readonly downKw: Float64Array;
  /** Consume more (ledger `down`), kW. */
  readonly upKw: Float64Array;
  readonly sessionIds: readonly string[];
}

export interface PortfolioConnections {
  readonly portfolioId: string;
  readonly planRunId: string | null;
  readonly planKnownAt: Date | null;
  readonly method: string;
  readonly connections: readonly ConnectionFlexibilityRow[];
  readonly notes: readonly string[];
}

interface SessionRow {
  id: string;
  ean: string;
  arrival: Date;
  departure: Date | null;
  max_kw: number | null;
  need_kwh: number | null;
}

/**
 * Flexibility per grid connection of a congestion portfolio's sites for a delivery day, from the
 * latest stored plan (`plan_runs` planned/completed, `plan_session_isps`): each scheduled session's
 * deviation from its plan within its dwell and power (`plannedSessionDeviation`), made up in the
 * ISPs that can still change from the later of the plan's known_at and `now` (the instant the
 * request is answered) on. With a `window` (the ISPs the grid operator may activate together,
 * index 0 = ISP 1) each session's deviations there are jointly feasible: made up outside the window
 * only, 0 in the other ISPs; without it each ISP's figure holds for that ISP alone. Boosts are fixed; forecast cohorts (sessions not arrived yet) are left
 * out: they are not firm enough to sell to a DSO. Without a stored plan for the day the simple
 * rule `sessions-max-power-v1` is used on the same sites' fleet sessions, and the result says so.
 */
@Injectable()
export class ConnectionFlexibilityQuery {
  constructor(private readonly dataSource: DataSource) {}

  async ofPortfolio(
    portfolioId: string,
    day: DeliveryDay,
    siteIds: readonly string[] | null,
    options: { readonly manager?: EntityManager; readonly now?: Date; readonly window?: readonly number[] } = {},
  ): Promise<PortfolioConnections> {
    const manager = options.manager ?? this.dataSource.manager;
    const isps = day.isps();
    const starts = isps.map((isp) => isp.start.getTime());
    const sites: { site_id: string }[] = await manager.query(
      `SELECT site_id FROM portfolio_sites WHERE portfolio_id = $1 AND market = 'congestion' AND ($2::uuid[] IS NULL OR site_id = ANY($2::uuid[]))`,
      [portfolioId, siteIds],
    );
    const pooled = sites.map((row) => row.site_id);
    const runs: { id: string; known_at: Date }[] = await manager.query(
      `SELECT id, known_at FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 AND status IN ('planned', 'completed') ORDER BY known_at DESC LIMIT 1`,
      [portfolioId, day.isoDate],
    );
    const run = runs[0];
    if (!run) {
      const rows = await this.fleetSessions(manager, pooled, day);
      const connections = groupByEan(rows, (group) => {
        const windows: SessionWindow[] = group
          .filter((row) => row.max_kw !== null && row.departure !== null)
          .map((row) => ({ arrival: row.arrival, departure: row.departure as Date, maxPowerKw: row.max_kw ?? 0, energyNeedKwh: row.need_kwh }));
        return flexibilityFromSessions(windows, starts, ISP_MS);
      });
      return { portfolioId, planRunId: null, planKnownAt: null, method: SIMPLE_METHOD, connections, notes: [`no stored plan for ${day.isoDate}: fallback ${SIMPLE_METHOD}`] };
    }
    const planned: { subject_ref: string; kind: string; isp_start: Date; kw: number }[] = await manager.query(
      `SELECT subject_ref, kind, isp_start, power_kw::double precision AS kw FROM plan_session_isps
        WHERE plan_run_id = $1 AND site_id = ANY($2::uuid[]) AND kind IN ('session', 'boost')`,
      [run.id, pooled],
    );
    const schedules = new Map<string, { fixed: boolean; kw: Float64Array }>();
    const indexOf = new Map(starts.map((start, i) => [start, i]));
    for (const row of planned) {
      const schedule = schedules.get(row.subject_ref) ?? { fixed: row.kind === 'boost', kw: new Float64Array(starts.length) };
      const i = indexOf.get(row.isp_start.getTime());
      if (i !== undefined) schedule.kw[i] = row.kw;
      schedules.set(row.subject_ref, schedule);
    }
    const rows = (await this.fleetSessions(manager, pooled, day)).filter((row) => schedules.has(row.id));
    // Nothing before the plan was made, nor before the request is answered, can still change.
    const changeableFrom = new Date(Math.max(run.known_at.getTime(), options.now?.getTime() ?? 0));
    const connections = groupByEan(rows, (group) => {
      const downKw = new Float64Array(starts.length);
      const upKw = new Float64Array(starts.length);
      for (const row of group) {
        const schedule = schedules.get(row.id);
        if (!schedule || row.departure === null || row.max_kw === null) continue;
        const session: PlannedSession = { sessionId: row.id, arrival: row.arrival, departure: row.departure, maxPowerKw: row.max_kw, fixed: schedule.fixed, plannedKw: schedule.kw, changeableFrom };
        const deviation = plannedSessionDeviation(session, starts, options.window);
        for (let i = 0; i < starts.length; i += 1) {
          downKw[i] += deviation.consumeLessKw[i];
          upKw[i] += deviation.consumeMoreKw[i];
        }
      }
      return { downKw, upKw };
    });
    return {
      portfolioId,
      planRunId: run.id,
      planKnownAt: run.known_at,
      method: PLAN_METHOD,
      connections,
      notes: ['forecast cohorts of the plan not offered (not firm); boosts fixed; V2G discharge not offered'],
    };
  }

  /**
   * Fleet sessions at the sites overlapping the day, with their connection EAN and power limit.
   * Departure and need as the planner takes them (@vpp/mobility `effectiveNeeds`: the driver's
   * session override, then the vehicle's, then what the source reported), the actual departure once
   * it is known: a CPO's session (OCPI) reports no departure, the driver's declared one is all there
   * is, and without it the planned session would have no flexibility here.
   */
  private async fleetSessions(manager: EntityManager, siteIds: readonly string[], day: DeliveryDay): Promise<SessionRow[]> {
    if (siteIds.length === 0) return [];
    const rows: (NeedsOverrideColumns & {
      id: string;
      ean: string;
      arrival: Date;
      actual_departure_at: Date | null;
      expected_departure_at: Date | null;
      energy_need_kwh: string | null;
      target_soc_pct: string | null;
      min_soc_pct: string | null;
      energy_delivered_kwh: string;
      max_kw: number | null;
    })[] = await manager.query(
      `SELECT s.id::text AS id, g.ean, s.arrival_at AS arrival, s.actual_departure_at, s.expected_departure_at,
              s.energy_need_kwh::text, s.target_soc_pct::text, s.min_soc_pct::text, s.energy_delivered_kwh::text,
              LEAST(e.max_power_kw, s.max_power_kw, CASE WHEN e.current_type = 'AC' THEN v.max_ac_charge_kw ELSE v.max_dc_charge_kw END)::double precision AS max_kw,
              ${NEEDS_OVERRIDE_COLUMNS}
         FROM sessions s
         JOIN evses e ON e.id = s.evse_id
         JOIN grid_connections g ON g.site_id = e.site_id
         LEFT JOIN vehicles v ON v.id = s.vehicle_id
         ${NEEDS_OVERRIDE_JOINS}
        WHERE e.site_id = ANY($1::uuid[])
          AND s.unusable_reason IS NULL
          AND s.arrival_at < $3
          AND (s.actual_departure_at IS NULL OR s.actual_departure_at > $2)
        ORDER BY g.ean, s.id`,
      [siteIds, day.start, day.end],
    );
    return rows.flatMap((row) => {
      const reported = { departureAt: row.expected_departure_at, energyNeedKwh: decimalOrNull(row.energy_need_kwh), targetSocPct: decimalOrNull(row.target_soc_pct), minSocPct: decimalOrNull(row.min_soc_pct) };
      const needs = effectiveNeedsOfRow(reported, row);
      const departure = row.actual_departure_at ?? needs.departureAt;
      if (departure === null || departure.getTime() <= day.start.getTime()) return [];
      // Without a stated need, what the session has taken so far stands in for it.
      const need = needs.energyNeedKwh ?? (new Decimal(row.energy_delivered_kwh).gt(0) ? new Decimal(row.energy_delivered_kwh) : null);
      return [{ id: row.id, ean: row.ean, arrival: row.arrival, departure, max_kw: row.max_kw, need_kwh: need === null ? null : EnergyKwh.of(need).toFloat64ForOptimisation() }];
    });
  }
}

const decimalOrNull = (text: string | null): Decimal | null => (text === null ? null : new Decimal(text));

function groupByEan(rows: readonly SessionRow[], flex: (group: readonly SessionRow[]) => { downKw: Float64Array; upKw: Float64Array }): ConnectionFlexibilityRow[] {
  const byEan = new Map<string, SessionRow[]>();
  for (const row of rows) byEan.set(row.ean, [...(byEan.get(row.ean) ?? []), row]);
  return [...byEan.entries()].map(([ean, group]) => ({ ean, ...flex(group), sessionIds: group.map((row) => row.id) }));
}
