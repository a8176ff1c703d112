import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FleetReport, FleetReportSession } from '../../application/reports/fleet-report';
import type { ReportPeriod } from '../../application/reports/report-period';
import type { SettlementBasis } from '../../domain/settlement-vocabulary';
import { unionOfAssumptions, weakestBasis } from '../../domain/settlement-vocabulary';

export interface ReportFleet {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
}

type Row = Record<string, string | null>;

/**
 * Reads a fleet's report from the ledger (sums over every statement version: the effective
 * amounts), the meter stage's tables, the sessions and the latest plan. All sums in SQL.
 */
@Injectable()
export class FleetReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async fleet(fleetId: string): Promise<ReportFleet | null> {
    const rows: { id: string; name: string; organisation_id: string }[] = await this.dataSource.query(`SELECT id, name, organisation_id FROM fleets WHERE id = $1`, [fleetId]);
    return rows.length === 0 ? null : { id: rows[0].id, name: rows[0].name, organisationId: rows[0].organisation_id };
  }

  async report(fleet: ReportFleet, period: ReportPeriod): Promise<FleetReport> {
    const p = [fleet.id, period.range.start, period.range.end];
    const ledger = (where: string, group: string): Promise<Row[]> =>
      this.dataSource.query(
        `SELECT ${group}, sum(e.amount)::numeric(19,2)::text AS amount
           FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
          WHERE s.fleet_id = $1 AND s.period_start >= $2 AND s.period_end <= $3 AND s.status = 'issued' AND ${where}
          GROUP BY ${group} ORDER BY ${group}`,
        p,
      );
    const [statements, revenue, shares, charges, assumptions, energy, isps, sessions] = await Promise.all([
      this.dataSource.query(
        `SELECT portfolio_id, period_start, count(*)::int AS versions FROM settlement_statements
          WHERE fleet_id = $1 AND period_start >= $2 AND period_end <= $3 AND status = 'issued'
          GROUP BY portfolio_id, period_start ORDER BY period_start, portfolio_id`,
        p,
      ) as Promise<{ portfolio_id: string; period_start: Date; versions: number }[]>,
      ledger(`e.section = 'revenue'`, 'e.market'),
      ledger(`e.section = 'allocation'`, 'e.stakeholder_role, e.stakeholder_ref, e.kind'),
      ledger(`e.section = 'charges'`, 'e.kind'),
      this.dataSource.query(
        `SELECT DISTINCT unnest(e.assumptions) AS label FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
          WHERE s.fleet_id = $1 AND s.period_start >= $2 AND s.period_end <= $3`,
        p,
      ) as Promise<{ label: string }[]>,
      this.dataSource.query(
        `SELECT coalesce(sum(charged_kwh), 0)::text AS charged, coalesce(sum(discharged_kwh), 0)::text AS discharged,
                coalesce(sum(shifted_kwh), 0)::text AS shifted, array_agg(DISTINCT basis) AS bases
           FROM settlement_meter_sessions WHERE fleet_id = $1 AND period_start >= $2 AND period_end <= $3`,
        p,
      ) as Promise<{ charged: string; discharged: string; shifted: string; bases: SettlementBasis[] | null }[]>,
      this.ispRows(p),
      this.sessionRows(p),
    ]);
    const vehicles = new Map<string, { vehicleId: string | null; sessions: number; charged: bigint; discharged: bigint }>();
    for (const s of sessions) {
      const key = s.vehicleId ?? '';
      const v = vehicles.get(key) ?? { vehicleId: s.vehicleId, sessions: 0, charged: 0n, discharged: 0n };
      // kWh with 6 decimals as exact micro-kWh integers: no float, no Decimal per row.
      vehicles.set(key, { ...v, sessions: v.sessions + 1, charged: v.charged + micro(s.chargedKwh), discharged: v.discharged + micro(s.dischargedKwh) });
    }
    const totalRevenue = revenue.reduce((sum, r) => sum + cents(r.amount ?? '0'), 0n);
    return {
      fleetId: fleet.id,
      fleetName: fleet.name,
      period: { kind: period.kind, label: period.label, start: period.range.start.toISOString(), end: period.range.end.toISOString() },
      statements: statements.map((s) => ({ portfolioId: s.portfolio_id, periodStart: s.period_start.toISOString(), versions: s.versions })),
      energy: { chargedKwh: energy[0].charged, dischargedKwh: energy[0].discharged, basis: weakestBasis(energy[0].bases ?? []) },
      flexibilityByMarket: [{ market: 'day-ahead', deliveredKwh: energy[0].shifted }],
      revenueByMarket: revenue.map((r) => ({ market: r.market ?? '', amountEur: r.amount ?? '0.00' })),
      revenueTotalEur: fromCents(totalRevenue),
      shares: shares.map((s) => ({ role: s.stakeholder_role ?? '', partyRef: s.stakeholder_ref ?? '', kind: s.kind ?? '', amountEur: s.amount ?? '0.00' })),
      charges: charges.map((c) => ({ kind: c.kind ?? '', amountEur: c.amount ?? '0.00' })),
      isps,
      vehicles: [...vehicles.values()].map((v) => ({ vehicleId: v.vehicleId, sessions: v.sessions, chargedKwh: fromMicro(v.charged), dischargedKwh: fromMicro(v.discharged) })),
      sessions,
      mobility: {
        sessions: sessions.length,
        needsMet: sessions.filter((s) => s.needMet === true).length,
        leftEarly: sessions.filter((s) => s.leftEarly).length,
      },
      assumptions: unionOfAssumptions(assumptions.map((a) => a.label)),
    };
  }

  // Requested: the latest plan's session powers against the same recorded baselines (kind 'session').
  private async ispRows(p: unknown[]): Promise<FleetReport['isps']> {
    const rows: { isp_start: Date; delivered: string; requested: string | null }[] = await this.dataSource.query(
      `WITH meter AS (
         SELECT isp_start, sum(baseline_kwh - charged_kwh + discharged_kwh) AS delivered
           FROM settlement_meter_isp WHERE fleet_id = $1 AND isp_start >= $2 AND isp_start < $3 GROUP BY isp_start
       ),
       sessions_of_fleet AS (
         SELECT DISTINCT session_id FROM settlement_meter_sessions WHERE fleet_id = $1 AND period_start >= $2 AND period_end <= $3
       ),
       latest_runs AS (
         SELECT DISTINCT ON (portfolio_id, delivery_day) id FROM plan_runs
          WHERE status IN ('planned', 'completed') ORDER BY portfolio_id, delivery_day, known_at DESC
       ),
       planned AS (
         SELECT psi.subject_ref, psi.isp_start, psi.power_kw / 4 AS kwh
           FROM plan_session_isps psi
          WHERE psi.plan_run_id IN (SELECT id FROM latest_runs) AND psi.kind = 'session'
            AND psi.isp_start >= $2 AND psi.isp_start < $3
            AND psi.subject_ref IN (SELECT session_id::text FROM sessions_of_fleet)
       ),
       requested AS (
         SELECT pl.isp_start, sum(coalesce(b.energy_kwh, 0) - pl.kwh) AS requested
           FROM planned pl
           LEFT JOIN LATERAL (
             SELECT bi.energy_kwh FROM baseline_records br JOIN baseline_record_isps bi ON bi.baseline_record_id = br.id
              WHERE br.session_id::text = pl.subject_ref AND bi.isp_start = pl.isp_start
              ORDER BY br.known_at DESC LIMIT 1
           ) b ON true
          GROUP BY pl.isp_start
       )
       SELECT m.isp_start, round(m.delivered, 6)::text AS delivered, round(r.requested, 6)::text AS requested
         FROM meter m LEFT JOIN requested r USING (isp_start) ORDER BY m.isp_start`,
      p,
    );
    return rows.map((r) => ({ ispStart: r.isp_start.toISOString(), requestedKwh: r.requested, deliveredKwh: r.delivered }));
  }

  private async sessionRows(p: unknown[]): Promise<FleetReportSession[]> {
    const rows: {
      session_id: string;
      vehicle_id: string | null;
      arrival_at: Date;
      departure: Date | null;
      charged: string;
      discharged: string;
      shifted: string;
      hours: string;
      bases: SettlementBasis[];
      need_met: boolean | null;
      left_early: boolean;
    }[] = await this.dataSource.query(
      `SELECT m.session_id, s.vehicle_id, s.arrival_at, coalesce(s.actual_departure_at, s.expected_departure_at) AS departure,
              sum(m.charged_kwh)::text AS charged, sum(m.discharged_kwh)::text AS discharged, sum(m.shifted_kwh)::text AS shifted,
              sum(m.plugged_in_hours)::text AS hours, array_agg(DISTINCT m.basis) AS bases,
              CASE WHEN s.energy_need_kwh IS NULL THEN NULL ELSE s.energy_delivered_kwh >= s.energy_need_kwh END AS need_met,
              coalesce(s.actual_departure_at < s.expected_departure_at, false) AS left_early
         FROM settlement_meter_sessions m JOIN sessions s ON s.id = m.session_id
        WHERE m.fleet_id = $1 AND m.period_start >= $2 AND m.period_end <= $3
        GROUP BY m.session_id, s.id ORDER BY s.arrival_at, m.session_id`,
      p,
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      vehicleId: r.vehicle_id,
      arrival: r.arrival_at.toISOString(),
      departure: r.departure?.toISOString() ?? null,
      chargedKwh: r.charged,
      dischargedKwh: r.discharged,
      shiftedKwh: r.shifted,
      pluggedInHours: r.hours,
      basis: weakestBasis(r.bases),
      needMet: r.need_met,
      leftEarly: r.left_early,
    }));
  }
}

const cents = (text: string): bigint => BigInt(text.replace('.', ''));
const fromCents = (value: bigint): string => {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};
const micro = (text: string): bigint => {
  const [whole, fraction = ''] = text.split('.');
  const negative = whole.startsWith('-');
  const value = BigInt(whole.replace('-', '')) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return negative ? -value : value;
};
const fromMicro = (value: bigint): string => {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
};
