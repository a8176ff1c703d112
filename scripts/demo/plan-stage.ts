import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { PlanPortfolioDayUseCase } from '@vpp/flexibility';
import type { DeliveryDay } from '@vpp/units';

export interface PlanOutcome {
  readonly runId: string;
  readonly knownAt: Date;
  readonly planStatus: string;
  readonly liveSessions: number | null;
  readonly forecastCohorts: number | null;
  readonly sitesWithoutForecast: number;
  readonly priceSource: string | null;
  readonly plannedMwh: string;
  /** Largest reserve the plan offers the ledger (kW): none while only forecast cohorts are planned (they count for no reserve product). */
  readonly maxUpKw: string;
  readonly maxDownKw: string;
}

interface InputsSummary {
  liveSessions?: number;
  forecastCohorts?: number;
  forecastNotes?: string[];
  prices?: { source?: string };
}

/**
 * The planner's plan job body (PlanPortfolioDayUseCase, what `planning.plan-portfolio-day` runs) for
 * the portfolio and day as known at `knownAt`, with `now` the simulated clock: sites, live sessions,
 * forecasts from the imported history, day-ahead prices; the plan and the ledger availability stored.
 */
export async function planDay(app: NestFastifyApplication, dataSource: DataSource, portfolioId: string, day: DeliveryDay, knownAt: Date): Promise<PlanOutcome> {
  const planner = app.get(PlanPortfolioDayUseCase, { strict: false });
  const run = await planner.execute({ portfolioId, deliveryDay: day, knownAt }, knownAt);
  const rows: { status: string; inputs_summary: InputsSummary | null; planned_mwh: string | null; up_kw: string | null; down_kw: string | null }[] = await dataSource.query(
    `SELECT r.status, r.inputs_summary, (SELECT round(sum(i.planned_kw) * 0.25 / 1000, 6)::text FROM plan_portfolio_isps i WHERE i.plan_run_id = r.id) AS planned_mwh,
            (SELECT max(i.up_available_kw)::text FROM plan_portfolio_isps i WHERE i.plan_run_id = r.id) AS up_kw,
            (SELECT max(i.down_available_kw)::text FROM plan_portfolio_isps i WHERE i.plan_run_id = r.id) AS down_kw
       FROM plan_runs r WHERE r.id = $1`,
    [run.id],
  );
  const inputs = rows[0]?.inputs_summary ?? {};
  return {
    runId: run.id,
    knownAt,
    planStatus: rows[0]?.status ?? run.status,
    liveSessions: inputs.liveSessions ?? null,
    forecastCohorts: inputs.forecastCohorts ?? null,
    sitesWithoutForecast: (inputs.forecastNotes ?? []).filter((note) => note.includes('no forecast')).length,
    priceSource: inputs.prices?.source ?? null,
    plannedMwh: rows[0]?.planned_mwh ?? '0',
    maxUpKw: rows[0]?.up_kw ?? '0',
    maxDownKw: rows[0]?.down_kw ?? '0',
  };
}
