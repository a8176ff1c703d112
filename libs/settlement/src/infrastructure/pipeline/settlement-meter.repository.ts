import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Decimal, TimeRange } from '@vpp/units';
import type { FleetIspMeter, SessionMeter } from '../../application/pipeline/statement-inputs.builder';
import type { SettlementBasis } from '../../domain/settlement-vocabulary';
import { type FleetIspRow, meteredIspsByFleet } from './fleet-isp-rows';
import { AGGREGATE_METER_DAY_SQL, AGGREGATE_METER_ISP_SQL } from './meter-aggregation.sql';

export interface MeterAggregationCounts {
  readonly fleetIsps: number;
  readonly sessions: number;
}

interface SessionRow {
  fleet_id: string;
  session_id: string;
  charged_kwh: string;
  discharged_kwh: string;
  shifted_kwh: string;
  plugged_in_hours: string;
  basis: SettlementBasis;
}

/** The meter stage's tables: rewritten per (portfolio, period), read by the statement stage and reports. */
@Injectable()
export class SettlementMeterRepository {
  /**
   * Replaces the portfolio's aggregation for `period` with one computed from the meter values now
   * stored: the same meter data always leaves the same rows (a rerun changes nothing).
   * `withSessions` (a delivery day) also writes the per-session totals.
   */
  async aggregate(manager: EntityManager, portfolioId: string, period: TimeRange, withSessions: boolean): Promise<MeterAggregationCounts> {
    const params = [portfolioId, period.start, period.end];
    // A day of a large portfolio sorts and hashes about a million session-ISP rows: in memory, not
    // spilled to disk (4 MB default), and no JIT compile for a statement that runs once per job.
    await manager.query(`SET LOCAL work_mem = '256MB'`);
    await manager.query(`SET LOCAL jit = off`);
    // The day's job and the last ISP's job overlap (the ISP lies inside the day): run concurrently,
    // both deleted nothing and both inserted that ISP's rows (pk_settlement_meter_isp). One
    // portfolio's aggregations take turns; under READ COMMITTED the second then deletes the first's rows.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`settlement-meter|${portfolioId}`]);
    await manager.query(`DELETE FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3`, params);
    if (!withSessions) {
      await manager.query(AGGREGATE_METER_ISP_SQL, params);
    } else {
      await manager.query(`DELETE FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2`, [portfolioId, period.start]);
      await manager.query(AGGREGATE_METER_DAY_SQL, params);
    }
    const [counts]: { isps: string; sessions: string }[] = await manager.query(
      `SELECT (SELECT count(*) FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3) AS isps,
              (SELECT count(*) FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2) AS sessions`,
      params,
    );
    return { fleetIsps: Number.parseInt(counts.isps, 10), sessions: Number.parseInt(counts.sessions, 10) };
  }

  /** Per fleet of the portfolio, its ISPs of the period in time order. */
  async fleetIsps(manager: EntityManager, portfolioId: string, period: TimeRange): Promise<Map<string, FleetIspMeter[]>> {
    const rows: FleetIspRow[] = await manager.query(
      `SELECT fleet_id, isp_start, charged_kwh, discharged_kwh, baseline_kwh, basis
         FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3
        ORDER BY fleet_id, isp_start`,
      [portfolioId, period.start, period.end],
    );
    return meteredIspsByFleet(rows);
  }

  /** Per fleet of the portfolio, its sessions' totals for the settled period, in session id order. */
  async sessions(manager: EntityManager, portfolioId: string, period: TimeRange): Promise<Map<string, SessionMeter[]>> {
    const rows: SessionRow[] = await manager.query(
      `SELECT fleet_id, session_id, charged_kwh, discharged_kwh, shifted_kwh, plugged_in_hours, basis
         FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2
        ORDER BY fleet_id, session_id`,
      [portfolioId, period.start],
    );
    const byFleet = new Map<string, SessionMeter[]>();
    for (const row of rows) {
      const list = byFleet.get(row.fleet_id) ?? [];
      list.push({
        sessionId: row.session_id,
        chargedKwh: new Decimal(row.charged_kwh),
        dischargedKwh: new Decimal(row.discharged_kwh),
        shiftedKwh: new Decimal(row.shifted_kwh),
        pluggedInHours: new Decimal(row.plugged_in_hours),
        basis: row.basis,
      });
      byFleet.set(row.fleet_id, list);
    }
    return byFleet;
  }
}
