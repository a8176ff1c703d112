import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Block, type DeliveryDay } from '@vpp/units';
import type { PortfolioDayPlan } from '../../domain/bids/portfolio-day-plan';
import type { PortfolioPlanSource } from '../../application/bids/portfolio-plan-source';

/** The default of libs/flexibility envelopes: sqrt(0.870), the mean V2G round trip (MARKETS.md section 7). */
const ASSUMED_EFFICIENCY = 0.9327;

const reservesSchema = z.object({
  blocks: z.array(z.object({ start: z.string(), fcrMw: z.number(), afrrUpMw: z.number(), afrrDownMw: z.number() })).default([]),
});
const summarySchema = z
  .object({
    prices: z.object({ source: z.string().optional(), note: z.string().optional(), eurPerMwh: z.array(z.number()).optional() }).optional(),
    assumptions: z.array(z.string()).default([]),
    degradationEurPerKwh: z.number().optional(),
    chargeEfficiency: z.number().optional(),
    dischargeEfficiency: z.number().optional(),
    reserveConfidence: z.number().optional(),
    plannedSessions: z.number().optional(),
  })
  .passthrough();

/**
 * The plan the planner stored (libs/flexibility planning: `plan_runs` + `plan_portfolio_isps`):
 * the latest run of the day known at `asOf` that planned. Read with SQL so bidding depends on the
 * tables, not on the planner's code. What the stored plan does not hold is assumed and named:
 * one firm headroom for all reserve pools (`up/down_available_kw`), efficiencies 0.9327 and
 * degradation 0 unless the run's summary states them. A run without per-ISP prices
 * (`inputs_summary.prices.eurPerMwh`) cannot price bids and counts as no plan.
 */
@Injectable()
export class StoredPlanSource implements PortfolioPlanSource {
  private readonly logger = new Logger(StoredPlanSource.name);

  async planFor(manager: EntityManager, portfolioId: string, day: DeliveryDay, asOf: Date): Promise<PortfolioDayPlan | undefined> {
    const [{ present }]: { present: boolean }[] = await manager.query(`SELECT to_regclass('plan_runs') IS NOT NULL AS present`);
    if (!present) return undefined;
    const runs: { id: string; known_at: Date; reserves: unknown; inputs_summary: unknown }[] = await manager.query(
      `SELECT id, known_at, reserves, inputs_summary FROM plan_runs
        WHERE portfolio_id = $1 AND delivery_day = $2 AND status IN ('planned', 'completed') AND known_at <= $3
        ORDER BY known_at DESC LIMIT 1`,
      [portfolioId, day.isoDate, asOf],
    );
    const run = runs[0];
    if (!run) return undefined;
    const summary = summarySchema.safeParse(run.inputs_summary ?? {});
    const reserves = reservesSchema.safeParse(run.reserves ?? {});
    const prices = summary.success ? summary.data.prices?.eurPerMwh : undefined;
    const n = day.ispCount;
    if (!summary.success || !reserves.success || prices === undefined || prices.length !== n) {
      this.logger.warn({ msg: 'stored plan has no per-ISP prices or unreadable reserves: no bids', planRunId: run.id });
      return undefined;
    }
    const rows: { planned: number; up: number; down: number; min: number; max: number; latest: number }[] = await manager.query(
      `SELECT planned_kw::float8 AS planned, up_available_kw::float8 AS up, down_available_kw::float8 AS down,
              battery_min_kw::float8 AS min, battery_max_kw::float8 AS max, battery_latest_kwh::float8 AS latest
         FROM plan_portfolio_isps WHERE plan_run_id = $1 ORDER BY isp_start`,
      [run.id],
    );
    if (rows.length !== n) return undefined;
    const series = (f: (r: (typeof rows)[number]) => number): Float64Array => Float64Array.from(rows, f);
    const headroom = { upKw: series((r) => r.up), downKw: series((r) => r.down) };
    const s = summary.data;
    const assumptions = [
      ...s.assumptions,
      'assumed (bids): the plan stores one firm headroom; FCR, aFRR and their shared pool all use it',
      ...(s.chargeEfficiency === undefined ? [`assumed (bids): efficiencies ${ASSUMED_EFFICIENCY} each way`] : []),
      ...(s.degradationEurPerKwh === undefined ? ['assumed (bids): no degradation cost in bid prices'] : []),
    ];
    return {
      portfolioId,
      day,
      plannedKw: series((r) => r.planned),
      batteryMinKw: series((r) => r.min),
      batteryMaxKw: series((r) => r.max),
      latestEnergyKwh: series((r) => r.latest),
      chargeEfficiency: s.chargeEfficiency ?? ASSUMED_EFFICIENCY,
      dischargeEfficiency: s.dischargeEfficiency ?? ASSUMED_EFFICIENCY,
      degradationCostEurPerKwh: s.degradationEurPerKwh ?? 0,
      pricesEurPerMwh: Float64Array.from(prices),
      firm: { any: headroom, fcr: headroom, afrr: headroom },
      reserves: reserves.data.blocks.map((b) => ({ block: Block.containing(new Date(b.start)), fcrMw: b.fcrMw, afrrUpMw: b.afrrUpMw, afrrDownMw: b.afrrDownMw })),
      provenance: {
        planRunId: run.id,
        aggregateVersion: `plan_run ${run.id} (confidence ${s.reserveConfidence ?? 'unknown'}, ${s.plannedSessions ?? 'unknown'} sessions)`,
        knownAt: run.known_at,
        priceSource: s.prices?.note ?? s.prices?.source ?? 'unknown',
        assumptions,
      },
    };
  }
}
