import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnergyKwh, Isp, PowerKw } from '@vpp/units';
import type { DispatchChannelName } from '../domain/dispatch-channel';
import type { DispatchSessionInput } from '../domain/dispatch-fleet';
import type { DispatchSiteInput } from '../domain/dispatch-sites';
import { laxityMaxKw as laxityMaxKwOf } from '../domain/laxity';
import { ObservedCarMaxima } from './observed-car-maxima';

/** A session as the loop needs it, plus what fan-out needs to address it. */
export interface LoadedSession extends DispatchSessionInput {
  /** `country*party` of the session's source (CPO); the OEM cloud's name for OEM; the station id for OCPP. */
  readonly party: string;
  /** Marked non-responsive or stale by an earlier cycle (dispatch_session_marks): excluded until it recovers. */
  readonly marked: boolean;
  /**
   * The party its command-to-effect latency is kept under in channel_latency (libs/fleet `partyKey`:
   * `country*party` of the session's source for OCPI and OCPP, the OEM cloud's name for OEM); null when unknown.
   */
  readonly latencyParty: string | null;
}

export interface LoadedPortfolio {
  readonly sites: DispatchSiteInput[];
  readonly sessions: LoadedSession[];
  /** FCR capacity held for the current ISP (reservations), kW; 0 without an award. */
  readonly fcrContractedKw: number;
  /** Day-ahead position this ISP from the feed, kW; null when none was sent. */
  readonly positionKw: number | null;
  /** Sessions whose departure is ASSUMED (none known): labelled in every cycle snapshot. */
  readonly assumedDepartureSessions: number;
}

// ASSUMED where the data says nothing: a session without expected departure is given 8 hours
// from arrival; its laxity is then an estimate, and every cycle snapshot counts such sessions
// (`assumedDepartureSessions`).
const ASSUMED_DWELL_S = 8 * 3600;
// Minimum AC charging current 6 A x 230 V per phase (IEC 61851-1), used when the session has none.
const MIN_CURRENT_A = 6;
const PHASE_VOLTAGE_V = 230;

interface SessionRow {
  id: string; control_channel: DispatchChannelName; site_id: string; arrival_at: Date; expected_departure_at: Date | null;
  energy_need_kwh: string | null; energy_delivered_kwh: string; session_max_kw: string | null; min_power_kw: string | null;
  evse_max_kw: string; phases: number; current_type: string; can_discharge: boolean; bidirectional: boolean;
  party: string | null; oem: string | null; station_id: string | null; power_kw: string | null; measured_at: Date | null; boost: boolean; marked: boolean;
  /** The session is in the plan being followed; `planned_kw` its power there this ISP (null: none, 0 kW). */
  planned: boolean; planned_kw: string | null;
}

/** A kW decimal from PostgreSQL (`numeric::text`) as the control loop's float. */
export function kwOf(text: string): number {
  return PowerKw.fromString(text).toFloat64ForOptimisation();
}

const kw = kwOf;

function kwh(text: string): number {
  return EnergyKwh.fromString(text).toFloat64ForOptimisation();
}

/**
 * Reads one portfolio's live, steerable sessions from the fleet tables (read-only): sites of the
 * portfolio, their grid connections as nested limits (fuse above site), each session's channel,
 * party, power band, energy need, boost and latest meter value. Floats from here on: the loop is
 * a control loop; settled quantities are recomputed from meter data with Decimal.
 */
@Injectable()
export class PortfolioSessionsLoader {
  private readonly observedMaxima: ObservedCarMaxima;

  constructor(private readonly dataSource: DataSource) {
    this.observedMaxima = new ObservedCarMaxima(dataSource);
  }

  async load(portfolioId: string, now: Date): Promise<LoadedPortfolio> {
    const siteRows: Array<{ site_id: string; import_limit_kw: string | null; export_limit_kw: string | null; fuse_limit_kw: string | null }> = await this.dataSource.query(
      `SELECT DISTINCT ps.site_id, g.import_limit_kw, g.export_limit_kw, g.fuse_limit_kw
         FROM portfolio_sites ps LEFT JOIN grid_connections g ON g.site_id = ps.site_id
        WHERE ps.portfolio_id = $1 ORDER BY ps.site_id`,
      [portfolioId],
    );
    const sites: DispatchSiteInput[] = [];
    const siteIndex = new Map<string, number>();
    for (const row of siteRows) {
      let parentIndex = -1;
      if (row.fuse_limit_kw !== null) {
        sites.push({ siteId: `${row.site_id}:fuse`, parentIndex: -1, importLimitKw: kw(row.fuse_limit_kw), exportLimitKw: kw(row.fuse_limit_kw) });
        parentIndex = sites.length - 1;
      }
      const unlimited = Number.POSITIVE_INFINITY;
      sites.push({
        siteId: row.site_id, parentIndex,
        importLimitKw: row.import_limit_kw === null ? unlimited : kw(row.import_limit_kw),
        exportLimitKw: row.export_limit_kw === null ? 0 : kw(row.export_limit_kw),
      });
      siteIndex.set(row.site_id, sites.length - 1);
    }
    // The schedule to follow: the latest completed plan known by now that covers this ISP.
    const ispStart = Isp.containing(now).start;
    const plans: Array<{ id: string }> = await this.dataSource.query(
      `SELECT r.id FROM plan_runs r
        WHERE r.portfolio_id = $1 AND r.status = 'completed' AND r.known_at <= $2
          AND EXISTS (SELECT 1 FROM plan_portfolio_isps p WHERE p.plan_run_id = r.id AND p.isp_start = $3)
        ORDER BY r.known_at DESC LIMIT 1`,
      [portfolioId, now, ispStart],
    );
    const rows: SessionRow[] = await this.dataSource.query(SESSIONS_SQL, [portfolioId, now, plans[0]?.id ?? null, ispStart]);
    const observed = await this.observedMaxima.of(portfolioId, rows, now);
    const sessions = rows.map((row) => toLoaded(row, siteIndex.get(row.site_id) ?? -1, observed.get(row.id) ?? null));
    const fcr: Array<{ kw: string | null }> = await this.dataSource.query(
      // FCR is symmetric: the capacity is what either direction holds.
      `SELECT max(per_direction.kw) AS kw FROM (
         SELECT l.direction, sum(l.kw) AS kw FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
          WHERE r.portfolio_id = $1 AND r.product = 'fcr' AND r.status = 'held' AND l.isp_start <= $2 AND l.isp_start > $2 - interval '15 minutes'
          GROUP BY l.direction) per_direction`,
      [portfolioId, now],
    );
    const position: Array<{ position_kw: string }> = await this.dataSource.query(
      `SELECT position_kw FROM dispatch_isp_positions WHERE portfolio_id = $1 AND isp_start <= $2 AND isp_start > $2 - interval '15 minutes'`,
      [portfolioId, now],
    );
    return {
      sites,
      sessions,
      fcrContractedKw: fcr[0]?.kw ? kw(fcr[0].kw) : 0,
      positionKw: position.length === 1 ? kw(position[0].position_kw) : null,
      assumedDepartureSessions: rows.filter((r) => r.expected_departure_at === null).length,
    };
  }
}

function toLoaded(row: SessionRow, siteIdx: number, observedMaxKw: string | null): LoadedSession {
  const evseMax = kw(row.evse_max_kw);
  const maxKw = row.session_max_kw === null ? evseMax : Math.min(evseMax, kw(row.session_max_kw));
  // Laxity is judged against what the car has drawn at most so far, else its stated maximum, else
  // the least any car draws (laxityMaxKw). Conservative when something else held it below its
  // maximum (its need is then met earlier); commands and the band keep the stated maximum.
  const laxityMaxKw = laxityMaxKwOf(maxKw, row.session_max_kw !== null ? maxKw : null, observedMaxKw === null ? null : kw(observedMaxKw));
  const channel = row.control_channel;
  const dischargeKw = row.can_discharge && row.bidirectional && channel === 'ocpp' ? maxKw : 0;
  const deliveredKwh = kwh(row.energy_delivered_kwh);
  const minChargeKw = row.min_power_kw !== null ? kw(row.min_power_kw) : row.current_type === 'AC' ? (MIN_CURRENT_A * PHASE_VOLTAGE_V * row.phases) / 1000 : 0;
  const departureS = (row.expected_departure_at ?? new Date(row.arrival_at.getTime() + ASSUMED_DWELL_S * 1000)).getTime() / 1000;
  // No need known in kWh (OCPI carries none; no driver or OEM statement): nothing says how little
  // the car may take, so it is not ours to slow down. ASSUMED as the uncontrolled case: it needs all
  // it could draw at full power over its whole dwell, so it is never throttled below full power.
  const targetKwh = row.energy_need_kwh === null
    ? deliveredKwh + (maxKw * Math.max(0, departureS - row.arrival_at.getTime() / 1000)) / 3600
    : Math.max(deliveredKwh, kwh(row.energy_need_kwh));
  // What the session follows before any activation: its power in the latest plan covering this ISP
  // (the schedule the day-ahead position and the reservations were made from; a planned session
  // without a row for the ISP is planned at 0 kW), else, not planned yet (it arrived after the plan),
  // the default baseline (ARCHITECTURE.md section 2): uncontrolled charging at max power until the
  // need is met. The need itself is guarded by the disaggregator's latest-trajectory floor either way.
  const needLeft = targetKwh - deliveredKwh > 1e-6;
  const baselineKw = !needLeft ? 0 : row.planned ? Math.max(-dischargeKw, Math.min(maxKw, row.planned_kw === null ? 0 : kw(row.planned_kw))) : maxKw;
  // No meter value yet: the draw is unknown, not 0 kW. The loop counts it at an estimate
  // (estimateUnmeasuredDraw: the baseline until a command, then the command), and its telemetry is
  // as old as the session, so the monitor marks it stale after its grace window.
  const measured = row.power_kw !== null && row.measured_at !== null;
  return {
    sessionId: row.id,
    channel,
    party: (channel === 'ocpp' ? row.station_id : channel === 'oem' ? (row.oem ?? row.party) : row.party) ?? 'unknown',
    siteIndex: siteIdx,
    baselineKw,
    measuredKw: measured ? kw(row.power_kw as string) : baselineKw,
    telemetryAtS: (measured ? (row.measured_at as Date) : row.arrival_at).getTime() / 1000,
    measured,
    bandMinKw: -dischargeKw,
    bandMaxKw: maxKw,
    maxKw: laxityMaxKw,
    minChargeKw: Math.min(minChargeKw, laxityMaxKw),
    deliveredKwh,
    targetKwh,
    floorKwh: 0,
    departureS,
    boost: row.boost,
    marked: row.marked,
    latencyParty: channel === 'oem' ? (row.oem ?? row.party) : row.party,
  };
}

const SESSIONS_SQL = `
  SELECT s.id, s.control_channel, e.site_id, s.arrival_at,
         -- Effective needs with the planner's precedence (libs/mobility effectiveNeeds): the driver's
         -- session override, then the vehicle's, then what the CPO/station/OEM reported. A layer that
         -- states a target SoC but no kWh decides the need too (unknown in kWh here).
         COALESCE(n.departure_at, vn.departure_at, s.expected_departure_at) AS expected_departure_at,
         CASE WHEN n.energy_need_kwh IS NOT NULL OR n.target_soc_pct IS NOT NULL THEN n.energy_need_kwh
              WHEN vn.energy_need_kwh IS NOT NULL OR vn.target_soc_pct IS NOT NULL THEN vn.energy_need_kwh
              ELSE s.energy_need_kwh END AS energy_need_kwh,
         s.energy_delivered_kwh,
         s.max_power_kw AS session_max_kw, s.min_power_kw, e.max_power_kw AS evse_max_kw, e.phases, e.current_type, s.can_discharge, e.bidirectional,
         x.country_code || '*' || x.party_id AS party, ol.oem, st.station_id, mv.power_kw, mv.measured_at,
         (COALESCE(n.boost_requested_at, vn.boost_requested_at) IS NOT NULL AND COALESCE(n.boost_requested_at, vn.boost_requested_at) >= s.arrival_at) AS boost,
         EXISTS (SELECT 1 FROM dispatch_session_marks m WHERE m.session_id = s.id) AS marked,
         sp.planned, sp.planned_kw
    FROM sessions s
    JOIN evses e ON e.id = s.evse_id
    JOIN (SELECT DISTINCT site_id FROM portfolio_sites WHERE portfolio_id = $1) ps ON ps.site_id = e.site_id
    LEFT JOIN LATERAL (SELECT country_code, party_id FROM external_ids WHERE entity_type = 'session' AND entity_id = s.id ORDER BY created_at LIMIT 1) x ON true
    LEFT JOIN LATERAL (SELECT os.station_id FROM ocpp_transactions t JOIN ocpp_stations os ON os.id = t.ocpp_station_id WHERE t.session_id = s.id AND t.ended_at IS NULL LIMIT 1) st ON true
    LEFT JOIN LATERAL (SELECT power_kw, measured_at FROM meter_values WHERE session_id = s.id ORDER BY measured_at DESC LIMIT 1) mv ON true
    LEFT JOIN mobility_needs n ON n.session_id = s.id
    LEFT JOIN mobility_needs vn ON vn.vehicle_id = s.vehicle_id
    LEFT JOIN oem_links ol ON ol.vehicle_id = s.vehicle_id AND s.control_channel = 'oem'
    -- The plan stores only the ISPs a session charges in: any row of the run means it was planned.
    LEFT JOIN LATERAL (SELECT count(*) > 0 AS planned, (sum(p.power_kw) FILTER (WHERE p.isp_start = $4))::text AS planned_kw
                         FROM plan_session_isps p WHERE p.plan_run_id = $3::uuid AND p.subject_ref = s.id::text AND p.kind IN ('session', 'boost')) sp ON true
   WHERE s.status IN ('plugged_in', 'charging', 'suspended') AND s.historical = false AND s.unusable_reason IS NULL
     AND s.control_channel IS NOT NULL
     -- A session announced ahead of its car (a reservation, a CPO pushing early) is not live yet: a
     -- command now would cap a car that is not there, and its full-power baseline would swell the target.
     AND s.arrival_at <= $2
   ORDER BY s.id`;
