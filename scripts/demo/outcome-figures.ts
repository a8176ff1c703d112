import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import { dataSessionMatcher } from './data-session-match';
import { Decimal, DeliveryDay, EnergyKwh, Money, PowerKw, PriceEurPerMwh, RoundingMode } from '@vpp/units';

/**
 * The summary's settled figures, read from the DB after the settlement pipeline ran: the ledger
 * (revenue per market, allocation per stakeholder, their totals and whether they reconcile), the
 * delivered quantities of the statements, the mobility promise of the day's sessions and the
 * day-ahead cost of the energy the portfolio drew. Every sum is exact (numeric in SQL, Decimal
 * here) and rounded once, at the end.
 */
export interface LedgerFigures {
  readonly revenueEur: Record<string, string>;
  readonly allocationEur: Record<string, string>;
  readonly ledgerTotalEur: string;
  readonly allocationTotalEur: string;
  /** True when the allocations sum exactly to the ledger total, overall and in every statement. */
  readonly reconciles: boolean;
  readonly statementsNotReconciling: number;
  readonly deliveredMwh: Record<string, string>;
}

export interface MobilityFigures {
  readonly needMet: number;
  readonly leftEarly: number;
  readonly sessions: number;
  readonly departed: number;
  readonly stillPlugged: number;
  /** Of those still plugged in at the day's end: need met already, or still reachable by the planned departure at full power. */
  readonly stillPluggedOnTrack: number;
  readonly needStated: number;
  /** Sessions with no stated need and no match in the data: counted as not met. */
  readonly needUnknown: number;
  readonly departureStated: number;
  readonly finalEnergyBasis: Record<string, number>;
  readonly definition: string;
}

export interface CostFigures {
  readonly optimisedCostEur: string;
  readonly energyKwh: string;
  readonly basis: string;
}

/**
 * The statement lines whose quantity is a product's delivered energy (one line kind per product,
 * so nothing is counted twice: an IDCONS order's spread and penalty lines repeat its quantity).
 */
const DELIVERY_LINES: Record<string, string> = {
  'day-ahead-saving': 'day-ahead',
  'afrr-energy-up': 'afrr-energy-up',
  'afrr-energy-down': 'afrr-energy-down',
  'idcons-counterparty': 'idcons',
  'uftp-price': 'uftp',
};

const money = (value: Decimal): string => Money.eur(value).roundToCents(RoundingMode.HALF_EVEN).toFixed(2, RoundingMode.HALF_EVEN);

export async function ledgerFigures(dataSource: DataSource, portfolioId: string, day: DeliveryDay): Promise<LedgerFigures> {
  const scope = [portfolioId, day.start, day.end];
  const issued = `s.portfolio_id = $1 AND s.period_start >= $2 AND s.period_end <= $3 AND s.status = 'issued'`;
  const revenue: { market: string; amount: string }[] = await dataSource.query(
    `SELECT e.market, sum(e.amount)::text AS amount FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
      WHERE ${issued} AND e.section = 'revenue' GROUP BY e.market ORDER BY e.market`,
    scope,
  );
  const allocation: { role: string; name: string | null; ref: string; amount: string }[] = await dataSource.query(
    `SELECT e.stakeholder_role AS role, o.name, e.stakeholder_ref AS ref, sum(e.amount)::text AS amount
       FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
       LEFT JOIN organisations o ON o.id::text = e.stakeholder_ref
      WHERE ${issued} AND e.section = 'allocation' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    scope,
  );
  const perStatement: { revenue: string; allocation: string }[] = await dataSource.query(
    `SELECT coalesce(sum(e.amount) FILTER (WHERE e.section = 'revenue'), 0)::text AS revenue,
            coalesce(sum(e.amount) FILTER (WHERE e.section = 'allocation'), 0)::text AS allocation
       FROM settlement_statements s LEFT JOIN settlement_ledger_entries e ON e.statement_id = s.id
      WHERE ${issued} GROUP BY s.id`,
    scope,
  );
  const delivered: { product: string; mwh: string }[] = await dataSource.query(
    `SELECT p.product, sum(e.quantity)::text AS mwh
       FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
       JOIN unnest($4::text[], $5::text[]) AS p(kind, product) ON p.kind = e.kind
      WHERE ${issued} AND e.section = 'revenue' AND e.unit = 'MWh' AND e.quantity IS NOT NULL GROUP BY p.product ORDER BY p.product`,
    [...scope, Object.keys(DELIVERY_LINES), Object.values(DELIVERY_LINES)],
  );
  const ledgerTotal = revenue.reduce((sum, r) => sum.plus(new Decimal(r.amount)), new Decimal(0));
  const allocationTotal = allocation.reduce((sum, r) => sum.plus(new Decimal(r.amount)), new Decimal(0));
  const statementsNotReconciling = perStatement.filter((s) => !new Decimal(s.revenue).equals(new Decimal(s.allocation))).length;
  return {
    revenueEur: Object.fromEntries(revenue.map((r) => [r.market, money(new Decimal(r.amount))])),
    allocationEur: Object.fromEntries(allocation.map((r) => [`${r.role}: ${r.name ?? r.ref}`, money(new Decimal(r.amount))])),
    ledgerTotalEur: money(ledgerTotal),
    allocationTotalEur: money(allocationTotal),
    reconciles: perStatement.length > 0 && statementsNotReconciling === 0 && ledgerTotal.equals(allocationTotal),
    statementsNotReconciling,
    // Day-ahead: the energy bought (the line's quantity); balancing products: the energy delivered.
    deliveredMwh: Object.fromEntries(delivered.map((r) => [r.product, new Decimal(r.mwh).toFixed(3, RoundingMode.HALF_EVEN)])),
  };
}

/**
 * Whether each of the day's live sessions (as the CPOs over OCPI and the depot over OCPP reported
 * them) got its need and left when it said. Need: the driver's stated need (the mobility-needs API,
 * which the planner and dispatcher also follow), else the one its channel reported (OCPP charging
 * needs, OCPI charging preferences), else the energy the car took in the data (the need
 * `sessions_feasible` is judged by; an OCPI session is matched to its data session by the
 * simulated CPO's Location, EVSE and start, apps/simulator cpo-replay). Final energy: the larger
 * of the session kWh its channel reported and its meter values' register increase. Planned
 * departure: the driver's, else the channel's, else the data's.
 */
export async function mobilityFigures(dataSource: DataSource, portfolioId: string, day: DeliveryDay, sessions: readonly ImportedSession[]): Promise<MobilityFigures> {
  const rows: {
    id: string;
    source: string;
    location_id: string | null;
    evse_uid: string | null;
    arrival_at: Date;
    actual_departure_at: Date | null;
    expected_departure_at: Date | null;
    energy_need_kwh: string | null;
    stated_need_kwh: string | null;
    stated_departure_at: Date | null;
    delivered: string;
    metered: string | null;
    max_kw: string;
  }[] = await dataSource.query(
    `SELECT DISTINCT ON (s.id) s.id, s.source, os.location_id, os.evse_uid, s.arrival_at, s.actual_departure_at, s.expected_departure_at,
            LEAST(COALESCE(s.max_power_kw, e.max_power_kw), e.max_power_kw)::text AS max_kw,
            s.energy_need_kwh::text, mn.energy_need_kwh::text AS stated_need_kwh, mn.departure_at AS stated_departure_at, s.energy_delivered_kwh::text AS delivered,
            (SELECT (max(mv.energy_register_kwh) - min(mv.energy_register_kwh))::text FROM meter_values mv
              WHERE mv.session_id = s.id AND mv.measured_at >= s.arrival_at - interval '1 hour') AS metered
       FROM portfolio_sites ps JOIN evses e ON e.site_id = ps.site_id JOIN sessions s ON s.evse_id = e.id
       LEFT JOIN ocpi_sessions os ON os.fleet_session_id = s.id
       LEFT JOIN mobility_needs mn ON mn.session_id = s.id
      WHERE ps.portfolio_id = $1 AND NOT s.historical AND s.arrival_at >= $2 AND s.arrival_at < $3
      ORDER BY s.id`,
    [portfolioId, day.start, day.end],
  );
  const dataSessionOf = dataSessionMatcher(sessions);
  let needMet = 0;
  let stillPluggedOnTrack = 0;
  let leftEarly = 0;
  let departed = 0;
  let needStated = 0;
  let departureStated = 0;
  let needUnknown = 0;
  const finalEnergyBasis: Record<string, number> = { 'session kWh': 0, 'meter values': 0 };
  for (const row of rows) {
    const source = dataSessionOf(row.location_id, row.evse_uid, row.arrival_at);
    // An OEM car has no OCPI Location to match its data session by: its driver's stated need is what it is judged by.
    const statedNeed = row.stated_need_kwh ?? row.energy_need_kwh;
    const need = statedNeed !== null ? EnergyKwh.fromString(statedNeed) : source?.energy;
    if (statedNeed !== null) needStated += 1;
    // The register's increase misses what was charged before the first reading; the session kWh misses nothing the channel reported.
    const delivered = EnergyKwh.fromString(row.delivered);
    const metered = row.metered === null ? null : EnergyKwh.fromString(row.metered);
    const final = metered !== null && metered.greaterThan(delivered) ? metered : delivered;
    finalEnergyBasis[final === metered ? 'meter values' : 'session kWh'] += 1;
    const planned = row.stated_departure_at ?? row.expected_departure_at ?? source?.departure ?? null;
    if (need === undefined) needUnknown += 1;
    else if (!final.lessThan(need)) needMet += 1;
    else if (row.actual_departure_at === null && planned !== null && planned.getTime() > day.end.getTime()) {
      // Still plugged in when the day ends: judged by whether its need is still reachable by the
      // planned departure at full power (the dispatcher's own laxity rule), not as if it left at midnight.
      const hoursLeft = new Decimal(planned.getTime() - day.end.getTime()).dividedBy(3_600_000);
      const reachable = final.add(PowerKw.fromString(row.max_kw).times(hoursLeft));
      if (!reachable.lessThan(need)) {
        needMet += 1;
        stillPluggedOnTrack += 1;
      }
    }
    if (row.stated_departure_at !== null || row.expected_departure_at !== null) departureStated += 1;
    if (row.actual_departure_at !== null) {
      departed += 1;
      if (planned !== null && row.actual_departure_at.getTime() < planned.getTime()) leftEarly += 1;
    }
  }
  return {
    needMet,
    leftEarly,
    sessions: rows.length,
    departed,
    stillPlugged: rows.length - departed,
    stillPluggedOnTrack,
    needStated,
    needUnknown,
    departureStated,
    finalEnergyBasis,
    definition:
      "need met: final energy (the larger of the session kWh its channel reported and its meter values' register increase) >= need (the driver's stated need, else the channel's, else the data's energy); " +
      'a session still plugged in at the day\'s end with a later planned departure counts as met when the rest of its need is reachable by then at its full power (stillPluggedOnTrack); ' +
      "left early: departed before the stated departure, else the data's; over the day's live sessions at the portfolio's sites (OCPI, OCPP and OEM)",
  };
}

/**
 * The day-ahead cost of the energy the portfolio drew: per ISP, the metered energy of the sessions
 * with meter values (the meter stage's, less what it took from baselines for sessions without
 * any), plus, for the sessions without meter values, their energy in the day's latest plan; with
 * no meter values at all, the latest plan's portfolio energy. Priced at the day's settlement
 * (day-ahead) prices.
 */
export async function optimisedCost(dataSource: DataSource, portfolioId: string, day: DeliveryDay): Promise<CostFigures> {
  const rows: { isp_start: Date; price: string | null; metered: string; profile_planned: string; plan_total: string | null }[] = await dataSource.query(
    `WITH profile_sessions AS (
       SELECT session_id FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2 AND basis = 'profile'
     ),
     chosen AS (
       SELECT DISTINCT ON (br.session_id) br.session_id, br.id FROM baseline_records br
        WHERE br.session_id IN (SELECT session_id FROM profile_sessions) AND br.known_at <= $3
        ORDER BY br.session_id, br.known_at DESC, br.method_version DESC, br.id
     ),
     profile_energy AS (
       SELECT bi.isp_start, sum(bi.energy_kwh) AS kwh FROM chosen c JOIN baseline_record_isps bi ON bi.baseline_record_id = c.id
        WHERE bi.isp_start >= $2 AND bi.isp_start < $3 GROUP BY bi.isp_start
     ),
     metered AS (
       SELECT isp_start, sum(charged_kwh) AS kwh FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3 GROUP BY isp_start
     ),
     latest_run AS (
       SELECT id FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $4::date AND status IN ('planned', 'completed') ORDER BY known_at DESC LIMIT 1
     ),
     planned AS (
       SELECT isp_start, sum(power_kw) / 4 AS kwh FROM plan_session_isps
        WHERE plan_run_id = (SELECT id FROM latest_run) AND kind IN ('session', 'boost')
          AND subject_ref IN (SELECT session_id::text FROM profile_sessions) AND isp_start >= $2 AND isp_start < $3
        GROUP BY isp_start
     ),
     plan_total AS (
       SELECT isp_start, planned_kw / 4 AS kwh FROM plan_portfolio_isps WHERE plan_run_id = (SELECT id FROM latest_run)
     )
     SELECT g.isp_start, sp.price_eur_per_mwh::text AS price,
            (coalesce(m.kwh, 0) - coalesce(pe.kwh, 0))::text AS metered, coalesce(pl.kwh, 0)::text AS profile_planned, pt.kwh::text AS plan_total
       FROM generate_series($2::timestamptz, $3::timestamptz - interval '15 minutes', interval '15 minutes') AS g(isp_start)
       LEFT JOIN settlement_prices sp ON sp.market = 'day-ahead' AND sp.bidding_zone = 'NL' AND sp.isp_start = g.isp_start
       LEFT JOIN metered m ON m.isp_start = g.isp_start
       LEFT JOIN profile_energy pe ON pe.isp_start = g.isp_start
       LEFT JOIN planned pl ON pl.isp_start = g.isp_start
       LEFT JOIN plan_total pt ON pt.isp_start = g.isp_start
      ORDER BY g.isp_start`,
    [portfolioId, day.start, day.end, day.isoDate],
  );
  const counts: { measured: number; estimated: number; profile: number }[] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE basis = 'measured')::int AS measured, count(*) FILTER (WHERE basis = 'estimated')::int AS estimated,
            count(*) FILTER (WHERE basis = 'profile')::int AS profile
       FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2`,
    [portfolioId, day.start],
  );
  const { measured, estimated, profile } = counts[0];
  const anyMetered = measured + estimated > 0;
  if (!anyMetered && rows.some((r) => r.plan_total === null)) throw new Error(`no meter values and no complete plan of ${day.isoDate}: no energy to price`);
  let cost = Money.zero('EUR');
  let energy = EnergyKwh.zero();
  for (const row of rows) {
    const kwh = anyMetered ? new Decimal(row.metered).plus(new Decimal(row.profile_planned)) : new Decimal(row.plan_total ?? '0');
    if (kwh.isZero()) continue;
    if (row.price === null) throw new Error(`no day-ahead settlement price for ${row.isp_start.toISOString()}`);
    energy = energy.add(EnergyKwh.of(kwh));
    cost = cost.add(EnergyKwh.of(kwh).toMwh().timesPrice(PriceEurPerMwh.fromString(row.price)));
  }
  const basis = anyMetered
    ? `metered energy of ${measured + estimated} sessions (${measured} measured, ${estimated} estimated) plus the latest plan's energy of ${profile} sessions without meter values, at the day-ahead settlement prices`
    : `PLANNED, not metered: no meter values reached settlement, so the latest plan's portfolio energy per ISP (live sessions and forecast cohorts) at the day-ahead settlement prices`;
  return { optimisedCostEur: money(cost.value), energyKwh: energy.toFixed(3, RoundingMode.HALF_EVEN), basis };
}
