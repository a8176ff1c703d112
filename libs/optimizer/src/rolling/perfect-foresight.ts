import { flexibilityEnvelope } from '@vpp/flexibility/domain';
import type { DayAheadPlanOptions, DayAheadSession } from '../day-ahead/day-ahead-model';
import { planHorizon } from '../day-ahead/plan-horizon';
import { ISP_MS, RollingInputError, checkTimeline, timelineEndMs, timelineIsps, type PriceTimeline } from './price-timeline';
import type { RollingSession } from './rolling-session';

export interface PerfectForesightResult {
  readonly costEur: number;
  readonly method: string;
  readonly lpColumns: number;
  readonly solveSeconds: number;
  readonly wallSeconds: number;
}

/** One site whose limit never binds: the sessions in the data have no known site limits. */
export const UNLIMITED_SITE = { id: 'site', importLimitKw: Number.POSITIVE_INFINITY, exportLimitKw: 0 } as const;

/** Envelope of a session over [fromMs, untilMs) with `needKwh` metered (efficiency 1: kWh at the meter, the unit costs are in). */
export function rollingEnvelope(session: RollingSession, fromMs: number, untilMs: number, needKwh: number): DayAheadSession {
  return {
    id: session.id,
    siteId: UNLIMITED_SITE.id,
    envelope: flexibilityEnvelope({
      arrival: new Date(fromMs),
      departure: new Date(untilMs),
      energyNeedKwh: needKwh,
      evMaxPowerKw: session.maxPowerKw,
      evseMaxPowerKw: session.maxPowerKw,
      siteShareKw: session.maxPowerKw,
      chargeEfficiency: 1,
      degradationCostEurPerKwh: 0,
    }),
  };
}

/**
 * Perfect foresight: the exact per-session LP knowing every actual session (arrival, departure,
 * energy) and every price of the window at once, one horizon solve over the whole window. The
 * lower bound no causal planner can beat.
 */
export async function perfectForesight(
  sessions: readonly RollingSession[],
  prices: PriceTimeline,
  planOptions: DayAheadPlanOptions = { method: 'lp-exact' },
): Promise<PerfectForesightResult> {
  checkTimeline(prices);
  const started = performance.now();
  if (sessions.length === 0) return { costEur: 0, method: 'none', lpColumns: 0, solveSeconds: 0, wallSeconds: 0 };
  let fromMs = Number.POSITIVE_INFINITY;
  let untilMs = Number.NEGATIVE_INFINITY;
  for (const s of sessions) {
    fromMs = Math.min(fromMs, s.arrivalMs);
    untilMs = Math.max(untilMs, s.departureMs);
  }
  if (fromMs < prices.startMs || untilMs > timelineEndMs(prices)) throw new RollingInputError('sessions reach outside the price timeline');
  const fromG = Math.floor((fromMs - prices.startMs) / ISP_MS);
  const toG = Math.ceil((untilMs - prices.startMs) / ISP_MS);
  const plan = await planHorizon(
    {
      isps: timelineIsps(prices, fromG, toG),
      pricesEurPerMwh: prices.eurPerMwh.subarray(fromG, toG),
      sessions: sessions.map((s) => rollingEnvelope(s, s.arrivalMs, s.departureMs, s.energyKwh)),
      sites: [UNLIMITED_SITE],
    },
    planOptions,
  );
  return {
    costEur: plan.objective.energyEur,
    method: plan.method,
    lpColumns: plan.lpColumns,
    solveSeconds: plan.solveSeconds,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
