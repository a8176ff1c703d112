import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Decimal, RoundingMode, type DeliveryDay } from '@vpp/units';
import type { PlanRunStatus } from '../../infrastructure/planning/plan-run.entity';
import type { PortfolioDayPlan } from './portfolio-day-planner';

export interface PlanRunRef {
  readonly id: string;
  readonly status: PlanRunStatus;
}

/** float64 -> numeric text, rounded half-even once, here, at the stored scale. */
export function numericText(value: number, scale: number): string {
  const rounded = new Decimal(value).toDecimalPlaces(scale, RoundingMode.HALF_EVEN);
  return rounded.isZero() ? '0' : rounded.toFixed();
}

/**
 * The one plan run per (portfolio, delivery day, known_at): created by whoever comes first (the
 * API's request or the job itself), found by everyone after.
 */
export async function ensurePlanRun(manager: EntityManager, portfolioId: string, day: DeliveryDay, knownAt: Date, now: Date): Promise<PlanRunRef> {
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO plan_runs (id, portfolio_id, delivery_day, known_at, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', $5, $5)
     ON CONFLICT ON CONSTRAINT uq_plan_runs_portfolio_day_known_at DO NOTHING RETURNING id`,
    [randomUUID(), portfolioId, day.isoDate, knownAt, now],
  );
  if (inserted.length > 0) return { id: inserted[0].id, status: 'queued' };
  const rows: PlanRunRef[] = await manager.query(`SELECT id, status FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 AND known_at = $3`, [
    portfolioId,
    day.isoDate,
    knownAt,
  ]);
  return rows[0];
}

/**
 * Stores a computed plan once: under a row lock, and only while the run is not planned yet, so a
 * redelivered job that computed again keeps the plan stored first. Replaces partial rows of a
 * crashed attempt (they cannot exist, as all of this is one transaction, but a manual retry of a
 * failed run must not trip over them).
 */
export async function savePlan(manager: EntityManager, runId: string, day: DeliveryDay, plan: PortfolioDayPlan, now: Date): Promise<boolean> {
  const rows: { status: PlanRunStatus }[] = await manager.query(`SELECT status FROM plan_runs WHERE id = $1 FOR UPDATE`, [runId]);
  if (rows[0].status === 'planned' || rows[0].status === 'completed') return false;
  await manager.query(`DELETE FROM plan_session_isps WHERE plan_run_id = $1`, [runId]);
  await manager.query(`DELETE FROM plan_portfolio_isps WHERE plan_run_id = $1`, [runId]);
  const isps = day.isps();
  const refs: string[] = [];
  const sites: string[] = [];
  const kinds: string[] = [];
  const starts: string[] = [];
  const powers: string[] = [];
  for (const subject of plan.subjects) {
    for (let k = 0; k < isps.length; k += 1) {
      const kw = numericText(subject.powerKw[k], 3);
      if (kw === '0') continue;
      refs.push(subject.ref);
      sites.push(subject.siteId);
      kinds.push(subject.kind);
      starts.push(isps[k].start.toISOString());
      powers.push(kw);
    }
  }
  const BATCH = 20_000;
  for (let i = 0; i < refs.length; i += BATCH) {
    await manager.query(
      `INSERT INTO plan_session_isps (plan_run_id, subject_ref, site_id, kind, isp_start, power_kw)
       SELECT $1, r.ref, r.site_id, r.kind, r.isp_start, r.power_kw
         FROM unnest($2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::numeric[]) AS r(ref, site_id, kind, isp_start, power_kw)`,
      [runId, refs.slice(i, i + BATCH), sites.slice(i, i + BATCH), kinds.slice(i, i + BATCH), starts.slice(i, i + BATCH), powers.slice(i, i + BATCH)],
    );
  }
  const p = plan.portfolio;
  const column = (values: Float64Array, scale: number): string[] => Array.from(values, (v) => numericText(v, scale));
  await manager.query(
    `INSERT INTO plan_portfolio_isps (plan_run_id, isp_start, isp_number, planned_kw, up_available_kw, down_available_kw, battery_min_kw, battery_max_kw, battery_earliest_kwh, battery_latest_kwh)
     SELECT $1, r.isp_start, r.n, r.planned, r.up, r.down, r.bmin, r.bmax, r.early, r.late
       FROM unnest($2::timestamptz[], $3::smallint[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[])
         AS r(isp_start, n, planned, up, down, bmin, bmax, early, late)`,
    [
      runId,
      isps.map((isp) => isp.start.toISOString()),
      isps.map((_, k) => k + 1),
      column(p.plannedKw, 3),
      column(p.upAvailableKw, 3),
      column(p.downAvailableKw, 3),
      column(p.batteryMinKw, 3),
      column(p.batteryMaxKw, 3),
      column(p.batteryEarliestKwh, 6),
      column(p.batteryLatestKwh, 6),
    ],
  );
  await manager.query(
    `UPDATE plan_runs SET status = 'planned', method = $2, solver_status = $3, reserve_status = $4, objective = $5::jsonb, slacks_count = $6,
            slacks = $7::jsonb, reserves = $8::jsonb, inputs_summary = $9::jsonb, error = NULL, updated_at = $10 WHERE id = $1`,
    [
      runId,
      plan.method,
      plan.solverStatus,
      plan.reserveStatus,
      JSON.stringify(plan.objective),
      plan.slacks.length,
      JSON.stringify(plan.slacks),
      JSON.stringify(plan.reserves),
      JSON.stringify(plan.inputsSummary),
      now,
    ],
  );
  return true;
}

export async function markPlanFailed(manager: EntityManager, runId: string, error: string, now: Date): Promise<void> {
  await manager.query(`UPDATE plan_runs SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1 AND status IN ('queued', 'failed')`, [runId, error.slice(0, 2000), now]);
}

export async function markPlanCompleted(manager: EntityManager, runId: string, conflicts: readonly unknown[], baselines: Record<string, number>, now: Date): Promise<void> {
  await manager.query(
    `UPDATE plan_runs SET status = 'completed', ledger_conflicts = $2::jsonb,
            inputs_summary = jsonb_set(coalesce(inputs_summary, '{}'::jsonb), '{baselines}', $3::jsonb), updated_at = $4
      WHERE id = $1 AND status = 'planned'`,
    [runId, JSON.stringify(conflicts), JSON.stringify(baselines), now],
  );
}

/** The stored aggregate's reserve availability, per ISP (text: exact as stored). */
export async function storedAvailability(manager: EntityManager, runId: string): Promise<{ isp_start: Date; up_available_kw: string; down_available_kw: string }[]> {
  return manager.query(`SELECT isp_start, up_available_kw, down_available_kw FROM plan_portfolio_isps WHERE plan_run_id = $1 ORDER BY isp_start`, [runId]);
}
