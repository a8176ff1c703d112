import type { DayAheadPlanOptions, DayAheadSession } from '../day-ahead/day-ahead-model';
import { planHorizon } from '../day-ahead/plan-horizon';
import { UNLIMITED_SITE, rollingEnvelope } from './perfect-foresight';
import { DEFAULT_PRICE_PUBLICATION, PricePublicationRule, publishedPricesEndMs } from './price-publication';
import { ISP_MS, RollingInputError, checkTimeline, highestPrice, priceAt, timelineEndMs, timelineIsps, type PriceTimeline } from './price-timeline';
import { BeliefModel, RollingSession, SessionBelief, deliverableKwh } from './rolling-session';

const MS_PER_HOUR = 3_600_000;
const KWH_TOLERANCE = 1e-7;
/** A need counts as met within 0.1 Wh (LP tolerances). */
const NEED_MET_TOLERANCE_KWH = 1e-4;

export interface RollingOptions {
  /** The information regime: what the planner believes of each present session. */
  readonly beliefs: BeliefModel;
  /** When the next day's prices become known (default D 13:00 Europe/Amsterdam). */
  readonly publication?: PricePublicationRule;
  /**
   * `on-change` (default): re-plan at every arrival, and at an ISP start only when something the
   * planner knows changed (a session left, a belief moved, an EV took less than offered, new
   * prices). Without that, the rest of the last plan is still optimal for what is known.
   * `every-isp`: also at every other ISP start (same decisions, more solves: a cross-check).
   */
  readonly replan?: 'on-change' | 'every-isp';
  readonly planOptions?: DayAheadPlanOptions;
}

export interface SessionOutcome {
  readonly id: string;
  readonly deliveredKwh: number;
  /** min(actual energy, max power x dwell): what the session could have taken. */
  readonly deliverableKwh: number;
  readonly costEur: number;
  /** The actual energy was deliverable within the actual dwell at max power. */
  readonly feasible: boolean;
  readonly needMet: boolean;
  /**
   * Left before the departure the planner used when it took the session on: the declared one,
   * or the conservative forecast at arrival (P10). Perfect information: never.
   */
  readonly leftEarly: boolean;
  /** Left before the departure the planner believed at that time (updated beliefs included). */
  readonly leftBeforeBelief: boolean;
  readonly firstBelief: SessionBelief;
  readonly lastBelief: SessionBelief;
}

export interface RollingResult {
  readonly regime: string;
  /** Energy the sessions drew, at the timeline's prices. */
  readonly energyCostEur: number;
  readonly undeliveredKwh: number;
  /** Undelivered kWh valued at the highest price in each session's dwell: no credit for energy not delivered. */
  readonly undeliveredValueEur: number;
  readonly totalCostEur: number;
  readonly outcomes: readonly SessionOutcome[];
  readonly replans: number;
  readonly fallbackPlans: number;
  readonly solveSeconds: number;
  readonly wallSeconds: number;
}

interface PlanSlice {
  readonly startG: number;
  readonly fromMs: number;
  readonly untilMs: number;
  readonly kwh: Float64Array;
}

interface SessionState {
  readonly index: number;
  readonly session: RollingSession;
  deliveredKwh: number;
  costEur: number;
  knownFull: boolean;
  /** Took less than offered since the last ISP start. */
  deviated: boolean;
  belief: SessionBelief;
  firstBelief: SessionBelief;
  plan: PlanSlice | undefined;
}

const overlapMs = (a: number, b: number, c: number, d: number): number => Math.max(0, Math.min(b, d) - Math.max(a, c));

/**
 * Event-driven rolling re-planning over real sessions (issue 4, value captured). At each re-plan
 * instant the planner knows only what it would know then: the sessions plugged in (not those to
 * come), what each has taken, its regime's belief of departure and need, and the prices
 * published so far. It plans all present sessions on the horizon up to the last published ISP
 * (`planHorizon`), applies the plan until the next instant, and moves on.
 *
 * - A session whose believed departure lies beyond the published prices must get, before the
 *   horizon ends, what cannot fit after it at max power; the rest waits for the next prices.
 * - Physics: an EV takes the planned energy spread evenly over the planned part of each ISP,
 *   at most its max power, until it has its actual energy (then it is full, and the planner sees
 *   that it took less than offered); it leaves at its actual departure. Departures are seen by
 *   the planner at the next ISP start.
 */
export async function simulateRolling(sessions: readonly RollingSession[], prices: PriceTimeline, options: RollingOptions): Promise<RollingResult> {
  checkTimeline(prices);
  const started = performance.now();
  const endMs = timelineEndMs(prices);
  for (const s of sessions) {
    if (!(s.departureMs > s.arrivalMs) || s.arrivalMs < prices.startMs || s.departureMs > endMs) throw new RollingInputError(`session ${s.id}: needs arrival < departure inside the price timeline`);
    if (!(s.energyKwh >= 0 && s.maxPowerKw > 0)) throw new RollingInputError(`session ${s.id}: needs energy >= 0 and max power > 0`);
  }
  const publication = options.publication ?? DEFAULT_PRICE_PUBLICATION;
  const everyIsp = options.replan === 'every-isp';
  const planOptions = options.planOptions ?? {};
  const order = sessions.map((_, i) => i).sort((a, b) => sessions[a].arrivalMs - sessions[b].arrivalMs || a - b);
  const outcomes: SessionOutcome[] = new Array<SessionOutcome>(sessions.length);
  let present: SessionState[] = [];
  let next = 0;
  let plannedUntilMs = Number.NEGATIVE_INFINITY;
  let replans = 0;
  let fallbackPlans = 0;
  let solveSeconds = 0;

  const register = (instantMs: number): void => {
    while (next < order.length && sessions[order[next]].arrivalMs <= instantMs) {
      const index = order[next];
      const session = sessions[index];
      const belief = options.beliefs.beliefAt({ session, deliveredKwh: 0, knownFull: false }, instantMs, undefined);
      present.push({ index, session, deliveredKwh: 0, costEur: 0, knownFull: false, deviated: false, belief, firstBelief: belief, plan: undefined });
      next += 1;
    }
  };

  const finalise = (st: SessionState): void => {
    const s = st.session;
    const deliverable = deliverableKwh(s);
    outcomes[st.index] = {
      id: s.id,
      deliveredKwh: st.deliveredKwh,
      deliverableKwh: deliverable,
      costEur: st.costEur,
      feasible: s.energyKwh <= deliverable + KWH_TOLERANCE,
      needMet: st.deliveredKwh >= deliverable - NEED_MET_TOLERANCE_KWH,
      leftEarly: s.departureMs < st.firstBelief.departureMs,
      leftBeforeBelief: s.departureMs < st.belief.departureMs,
      firstBelief: st.firstBelief,
      lastBelief: st.belief,
    };
  };

  const replan = async (instantMs: number, horizonEndMs: number): Promise<void> => {
    const fromG = Math.floor((instantMs - prices.startMs) / ISP_MS);
    const toG = Math.round((horizonEndMs - prices.startMs) / ISP_MS);
    const planned: SessionState[] = [];
    const envelopes: DayAheadSession[] = [];
    for (const st of present) {
      st.plan = undefined;
      const remainingKwh = st.belief.needKwh - st.deliveredKwh;
      if (st.knownFull || remainingKwh <= KWH_TOLERANCE || st.belief.departureMs <= instantMs) continue;
      const untilMs = Math.min(st.belief.departureMs, horizonEndMs);
      const afterHorizonKwh = (st.session.maxPowerKw * Math.max(0, st.belief.departureMs - horizonEndMs)) / MS_PER_HOUR;
      const needKwh = remainingKwh - afterHorizonKwh;
      if (needKwh <= KWH_TOLERANCE) continue;
      planned.push(st);
      envelopes.push(rollingEnvelope(st.session, instantMs, untilMs, needKwh));
    }
    plannedUntilMs = horizonEndMs;
    if (planned.length === 0) return;
    const plan = await planHorizon(
      { isps: timelineIsps(prices, fromG, toG), pricesEurPerMwh: prices.eurPerMwh.subarray(fromG, toG), sessions: envelopes, sites: [UNLIMITED_SITE] },
      planOptions,
    );
    replans += 1;
    solveSeconds += plan.solveSeconds;
    if (plan.method === 'greedy-fallback') fallbackPlans += 1;
    planned.forEach((st, i) => {
      const power = plan.sessionPowerKw[i];
      const kwh = new Float64Array(power.length);
      for (let k = 0; k < power.length; k += 1) kwh[k] = Math.max(0, power[k]) * 0.25;
      st.plan = { startG: fromG, fromMs: instantMs, untilMs: Math.min(st.belief.departureMs, horizonEndMs), kwh };
    });
  };

  const apply = (fromMs: number, toMs: number, g: number): void => {
    const ispStart = prices.startMs + g * ISP_MS;
    const ispEnd = ispStart + ISP_MS;
    const price = priceAt(prices, g);
    for (const st of present) {
      const plan = st.plan;
      if (plan === undefined) continue;
      const k = g - plan.startG;
      if (k < 0 || k >= plan.kwh.length || plan.kwh[k] <= 0) continue;
      const windowStart = Math.max(plan.fromMs, ispStart);
      const windowEnd = Math.min(ispEnd, plan.untilMs);
      if (windowEnd <= windowStart) continue;
      const ratePerMs = plan.kwh[k] / (windowEnd - windowStart);
      const offeredKwh = ratePerMs * overlapMs(fromMs, toMs, windowStart, windowEnd);
      if (offeredKwh <= 0) continue;
      const s = st.session;
      const plugged = overlapMs(Math.max(fromMs, windowStart), Math.min(toMs, windowEnd), s.arrivalMs, s.departureMs);
      const roomKwh = Math.max(0, s.energyKwh - st.deliveredKwh);
      const takenKwh = Math.min(ratePerMs * plugged, (s.maxPowerKw * plugged) / MS_PER_HOUR, roomKwh);
      st.deliveredKwh += takenKwh;
      st.costEur += (takenKwh * price) / 1000;
      if (offeredKwh - takenKwh > KWH_TOLERANCE) {
        st.deviated = true;
        if (roomKwh - takenKwh <= KWH_TOLERANCE && plugged > 0) st.knownFull = true;
      }
    }
  };

  const firstArrivalMs = order.length > 0 ? sessions[order[0]].arrivalMs : endMs;
  const lastG = prices.eurPerMwh.length;
  for (let g = Math.floor((firstArrivalMs - prices.startMs) / ISP_MS); g < lastG; g += 1) {
    const ispStart = prices.startMs + g * ISP_MS;
    const ispEnd = ispStart + ISP_MS;
    let changed = false;
    const staying: SessionState[] = [];
    for (const st of present) {
      if (st.session.departureMs <= ispStart) {
        finalise(st);
        changed = true;
      } else staying.push(st);
    }
    present = staying;
    if (present.length === 0 && next >= order.length) break;
    if (present.length === 0 && sessions[order[next]].arrivalMs >= ispEnd) {
      // Nobody plugged in: jump to the ISP before the next arrival's.
      g = Math.floor((sessions[order[next]].arrivalMs - prices.startMs) / ISP_MS) - 1;
      continue;
    }
    const before = next;
    register(ispStart);
    if (next > before) changed = true;
    for (const st of present) {
      if (st.deviated) changed = true;
      st.deviated = false;
      const belief = options.beliefs.beliefAt({ session: st.session, deliveredKwh: st.deliveredKwh, knownFull: st.knownFull }, ispStart, st.belief);
      if (belief.departureMs !== st.belief.departureMs || belief.needKwh !== st.belief.needKwh) changed = true;
      st.belief = belief;
    }
    const horizonEndMs = Math.min(publishedPricesEndMs(ispStart, publication), endMs);
    if (horizonEndMs !== plannedUntilMs) changed = true;
    if (changed || everyIsp) await replan(ispStart, horizonEndMs);

    let segmentStart = ispStart;
    for (;;) {
      const nextArrivalMs = next < order.length ? sessions[order[next]].arrivalMs : Number.POSITIVE_INFINITY;
      const segmentEnd = Math.min(ispEnd, nextArrivalMs);
      apply(segmentStart, segmentEnd, g);
      if (segmentEnd >= ispEnd) break;
      segmentStart = segmentEnd;
      register(segmentStart);
      await replan(segmentStart, horizonEndMs);
    }
  }
  for (const st of present) finalise(st);

  let energyCostEur = 0;
  let undeliveredKwh = 0;
  let undeliveredValueEur = 0;
  outcomes.forEach((o, i) => {
    energyCostEur += o.costEur;
    const missing = Math.max(0, o.deliverableKwh - o.deliveredKwh);
    if (missing > NEED_MET_TOLERANCE_KWH) {
      const s = sessions[i];
      undeliveredKwh += missing;
      undeliveredValueEur += (missing * highestPrice(prices, s.arrivalMs, s.departureMs)) / 1000;
    }
  });
  return {
    regime: options.beliefs.name,
    energyCostEur,
    undeliveredKwh,
    undeliveredValueEur,
    totalCostEur: energyCostEur + undeliveredValueEur,
    outcomes,
    replans,
    fallbackPlans,
    solveSeconds,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
