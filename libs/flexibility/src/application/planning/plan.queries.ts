import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, type TenantScope } from '@vpp/access';
import { parseDecimal } from '@vpp/units';
import { requireOwnedPortfolio } from '../portfolio/portfolio.queries';

export interface PlanRunView {
  readonly id: string;
  readonly portfolioId: string;
  readonly deliveryDay: string;
  readonly knownAt: string;
  readonly status: string;
  readonly method: string | null;
  readonly solverStatus: string | null;
  readonly reserveStatus: string | null;
  readonly objective: unknown;
  readonly slacksCount: number | null;
  readonly slacks: unknown;
  readonly reserves: unknown;
  readonly inputsSummary: unknown;
  readonly ledgerConflicts: unknown;
  readonly error: string | null;
  /** Per ISP: planned kW, reserve availability at the quantile, virtual battery bounds (decimal strings). */
  readonly isps: readonly {
    readonly isp: number;
    readonly start: string;
    readonly plannedKw: string;
    readonly upAvailableKw: string;
    readonly downAvailableKw: string;
    readonly batteryMinKw: string;
    readonly batteryMaxKw: string;
    readonly batteryEarliestKwh: string;
    readonly batteryLatestKwh: string;
  }[];
}

export interface ScheduleRow {
  readonly subjectRef: string;
  readonly kind: string;
  readonly siteId: string;
  readonly ispStart: string;
  readonly powerKw: string;
}

export interface SchedulePage {
  readonly items: readonly ScheduleRow[];
  /** Offset of the next page, null on the last one. */
  readonly nextOffset: number | null;
}

const text = (value: string): string => parseDecimal(value).toFixed();

/** Plan runs of the caller's portfolios; another tenant's run reads as not found. */
@Injectable()
export class PlanQueries {
  constructor(private readonly dataSource: DataSource) {}

  async run(scope: TenantScope, portfolioId: string, runId: string): Promise<PlanRunView> {
    const manager = this.dataSource.manager;
    await requireOwnedPortfolio(manager, scope, portfolioId);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, portfolio_id, to_char(delivery_day, 'YYYY-MM-DD') AS delivery_day, known_at, status, method, solver_status, reserve_status, objective,
              slacks_count, slacks, reserves, inputs_summary, ledger_conflicts, error
         FROM plan_runs WHERE id = $1 AND portfolio_id = $2`,
      [runId, portfolioId],
    );
    const row = rows[0];
    if (!row) throw notFound('plan run');
    const isps: Record<string, string | Date | number>[] = await manager.query(
      `SELECT isp_number, isp_start, planned_kw, up_available_kw, down_available_kw, battery_min_kw, battery_max_kw, battery_earliest_kwh, battery_latest_kwh
         FROM plan_portfolio_isps WHERE plan_run_id = $1 ORDER BY isp_start`,
      [runId],
    );
    return {
      id: row.id as string,
      portfolioId: row.portfolio_id as string,
      deliveryDay: row.delivery_day as string,
      knownAt: (row.known_at as Date).toISOString(),
      status: row.status as string,
      method: row.method as string | null,
      solverStatus: row.solver_status as string | null,
      reserveStatus: row.reserve_status as string | null,
      objective: row.objective,
      slacksCount: row.slacks_count as number | null,
      slacks: row.slacks,
      reserves: row.reserves,
      inputsSummary: row.inputs_summary,
      ledgerConflicts: row.ledger_conflicts,
      error: row.error as string | null,
      isps: isps.map((r) => ({
        isp: r.isp_number as number,
        start: (r.isp_start as Date).toISOString(),
        plannedKw: text(r.planned_kw as string),
        upAvailableKw: text(r.up_available_kw as string),
        downAvailableKw: text(r.down_available_kw as string),
        batteryMinKw: text(r.battery_min_kw as string),
        batteryMaxKw: text(r.battery_max_kw as string),
        batteryEarliestKwh: text(r.battery_earliest_kwh as string),
        batteryLatestKwh: text(r.battery_latest_kwh as string),
      })),
    };
  }

  /** Session schedules of a run, ordered by subject and ISP, `limit` rows from `offset` (ISPs without power are not stored). */
  async schedule(scope: TenantScope, portfolioId: string, runId: string, offset: number, limit: number): Promise<SchedulePage> {
    await this.run(scope, portfolioId, runId);
    const rows: { subject_ref: string; kind: string; site_id: string; isp_start: Date; power_kw: string }[] = await this.dataSource.query(
      `SELECT subject_ref, kind, site_id, isp_start, power_kw FROM plan_session_isps WHERE plan_run_id = $1
        ORDER BY subject_ref, isp_start OFFSET $2 LIMIT $3`,
      [runId, offset, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => ({ subjectRef: r.subject_ref, kind: r.kind, siteId: r.site_id, ispStart: r.isp_start.toISOString(), powerKw: text(r.power_kw) }));
    return { items, nextOffset: rows.length > limit ? offset + limit : null };
  }
}

export function scheduleCsv(page: SchedulePage): string {
  const lines = ['subject_ref,kind,site_id,isp_start,power_kw', ...page.items.map((r) => `${r.subjectRef},${r.kind},${r.siteId},${r.ispStart},${r.powerKw}`)];
  return `${lines.join('\n')}\n`;
}
