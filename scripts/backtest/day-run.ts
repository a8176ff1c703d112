import { DispatchFleet, DispatchSites, Disaggregator, fleetBaselineKw, portfolioTarget } from '@vpp/dispatch/domain';
import { planPortfolioDay, type PortfolioDayPlan } from '@vpp/flexibility/application/planning/portfolio-day-planner';
import type { PlanForecast, PlanInputs, PlanLiveSession, PlanOptions, PlanSite } from '@vpp/flexibility/application/planning/plan-inputs';
import { ForecastError, forecastMembers, forecastSessions, type HistoricalSession } from '@vpp/flexibility/domain/forecast';
import { dayPrices } from '@vpp/flexibility/domain/planning/day-prices';
import { SessionPrior, declaredBeliefs, deliverableKwh, type BeliefModel, type RollingSession, type SessionBelief } from '@vpp/optimizer';
import { DeliveryDay } from '@vpp/units';
import type { PriceBook } from './inputs';

const ISP_MS = 15 * 60_000;
/** The dispatcher's cycle in the backtest: 60 s of simulated time (the live loop ticks every 4 s; no activations here, so a plan changes at most per ISP). */
export const BACKTEST_CYCLE_S = 60;
const CYCLE_MS = BACKTEST_CYCLE_S * 1000;
const MS_PER_HOUR = 3_600_000;
/** A need counts as met within 10 Wh (60-s cycles, an arrival or departure inside a cycle). */
export const NEED_MET_TOLERANCE_KWH = 0.01;

/** One site for the whole fleet, with no limit that could bind: the session files record no site limits. */
export const BACKTEST_SITE_ID = 'backtest-fleet';
/** Finite (envelopes take a finite site share), far above any fleet's summed power: it never binds. */
const UNBINDING_LIMIT_KW = 1e9;
const SITE: PlanSite = { limits: { siteId: BACKTEST_SITE_ID, importLimitKw: UNBINDING_LIMIT_KW, exportLimitKw: 0, fuseLimitKw: null }, services: null, monthToDatePeakKw: 0, peakSource: 'none' };

export interface DayRunInput {
  readonly day: DeliveryDay;
  readonly sessions: readonly RollingSession[];
  /** The sessions of the days before `day` (the forecaster's and the departure beliefs' history). */
  readonly history: readonly HistoricalSession[];
  readonly historyFrom: DeliveryDay;
  /** When the day-ahead position is planned (D-1, before the first gate, as in the demo). */
  readonly positionKnownAt: Date;
  readonly prices: PriceBook;
  readonly planOptions: PlanOptions;
}

export interface SessionResult {
  readonly session: RollingSession;
  readonly deliveredKwh: number;
  readonly deliverableKwh: number;
  readonly feasible: boolean;
  readonly needMet: boolean;
  /** Left before the departure the planner took it on with (declared, else the forecast's expected one). */
  readonly leftEarly: boolean;
}

export interface DayRun {
  /** The day-ahead position: kW per ISP of the day, the D-1 plan's portfolio schedule. */
  readonly positionKw: Float64Array;
  readonly positionPriceSource: string;
  readonly forecastCohorts: number;
  readonly forecastNote: string | null;
  /** kWh drawn per ISP from the day's start (sessions past midnight run on). */
  readonly drawnKwh: Float64Array;
  readonly sessions: readonly SessionResult[];
  readonly replans: number;
  readonly planMethods: ReadonlySet<string>;
}

function planInputs(day: DeliveryDay, knownAt: Date, prices: PriceBook, sessions: readonly PlanLiveSession[], forecasts: readonly PlanForecast[], options: PlanOptions, notes: readonly string[]): PlanInputs {
  return {
    portfolioId: BACKTEST_SITE_ID,
    day,
    knownAt,
    sites: [SITE],
    sessions,
    forecasts,
    forecastNotes: notes,
    marketPrices: dayPrices((isp) => prices.floatAt(isp), day, knownAt),
    prequalifiedMw: { fcr: 0, afrrUp: 0, afrrDown: 0 },
    options,
  };
}

/**
 * The day-ahead position: the planner's plan body (planPortfolioDay, what the plan job runs) as
 * known at D-1 before the first gate: forecast cohorts from the history before (the production
 * forecaster, forecastSessions), prices as known then (the naive week-before forecast: the day's
 * own are published at D-1 13:00).
 */
async function positionPlan(input: DayRunInput): Promise<{ plan: PortfolioDayPlan; cohorts: number; note: string | null }> {
  const { day, positionKnownAt: knownAt } = input;
  const forecasts: PlanForecast[] = [];
  let note: string | null = null;
  try {
    const forecast = forecastSessions({ scope: { kind: 'site', id: BACKTEST_SITE_ID }, history: input.history, deliveryDay: day, knownAt });
    forecasts.push({ siteId: BACKTEST_SITE_ID, forecastId: `backtest:${day.isoDate}`, source: 'computed', knownAt, members: forecastMembers(forecast), assumptions: forecast.assumptions });
  } catch (error) {
    if (!(error instanceof ForecastError)) throw error;
    note = `no forecast for ${day.isoDate} (${error.message}): the position is empty`;
  }
  const plan = await planPortfolioDay(planInputs(day, knownAt, input.prices, [], forecasts, input.planOptions, note === null ? [] : [note]));
  return { plan, cohorts: forecasts.reduce((n, f) => n + f.members.length, 0), note };
}

interface State {
  readonly session: RollingSession;
  deliveredKwh: number;
  knownFull: boolean;
  fullPlanned: boolean;
  belief: SessionBelief | undefined;
  firstBelief: SessionBelief | undefined;
  planKw: Float64Array | undefined;
  planDayStartMs: number;
  slot: number;
  done: boolean;
  /** The part of the current cycle the dispatcher knows the EV is plugged in (cycleShare). */
  cycleShare: number;
}

/**
 * The part of the cycle from `t` the dispatcher knows an EV with a declared departure is plugged
 * in: from its arrival, and to that departure while it is ahead (past it, the EV is seen still
 * plugged in). The live loop's 4-s cycles make a part-cycle negligible; the backtest's 60-s ones do
 * not: the dispatcher's floor spreads what is due over the whole cycle, so an EV plugged in for
 * part of it would leave short of a need it was promised to the second. Its powers are therefore
 * cycle averages over that part (the car draws setpoint / share). An EV planned on a forecast
 * departure keeps whole-cycle powers (share 1), so `--departure forecast` runs as it did.
 */
function cycleShare(s: RollingSession, t: number): number {
  if (s.declaredDepartureMs === undefined) return 1;
  const endMs = s.declaredDepartureMs > t ? Math.min(t + CYCLE_MS, s.declaredDepartureMs) : t + CYCLE_MS;
  return Math.min(1, Math.max(0, endMs - Math.max(t, s.arrivalMs)) / CYCLE_MS);
}

function liveSession(st: State, belief: SessionBelief): PlanLiveSession {
  const s = st.session;
  return {
    sessionId: s.id,
    siteId: BACKTEST_SITE_ID,
    arrival: new Date(s.arrivalMs),
    departure: new Date(belief.departureMs),
    need: { kwh: Math.max(0, belief.needKwh - st.deliveredKwh), from: 'energy-need' },
    needOrigin: { departure: s.declaredDepartureMs === undefined ? 'forecast-expected' : 'declared', need: 'declared', minSoc: 'none' },
    boostRequestedAt: null,
    evMaxChargeKw: null,
    evseMaxKw: s.maxPowerKw,
    v2g: null,
    batteryKwh: null,
    socPct: null,
    minSocPct: null,
    latencyP95Ms: null,
  };
}

/**
 * One delivery day through the production code path, in process: the D-1 position (planner),
 * then the day's actual sessions as they arrive: the planner re-plans the live sessions at each
 * ISP start where something it knows changed (an arrival, a believed departure passed, an EV that
 * took less than offered, a new delivery day), the dispatcher's disaggregator turns the plan into
 * per-session setpoints every 60 s (portfolio target = the sessions' planned power, no
 * activations), and the cars draw them until full or gone at their actual departure (early
 * leavers leave short). Sessions past midnight run on into the next day's plan.
 */
export async function runDay(input: DayRunInput): Promise<DayRun> {
  const { day, prices } = input;
  const position = await positionPlan(input);
  const prior = SessionPrior.train({ scope: { kind: 'fleet', id: BACKTEST_SITE_ID }, history: input.history, trainFrom: input.historyFrom, trainTo: day.previous(), knownAt: day.start });
  const beliefs: BeliefModel = declaredBeliefs(prior);

  const states: State[] = [...input.sessions]
    .sort((a, b) => a.arrivalMs - b.arrivalMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((session) => ({ session, deliveredKwh: 0, knownFull: false, fullPlanned: false, belief: undefined, firstBelief: undefined, planKw: undefined, planDayStartMs: 0, slot: -1, done: false, cycleShare: 1 }));
  const startMs = day.start.getTime();
  let lastDepartureMs = day.end.getTime();
  for (const st of states) lastDepartureMs = Math.max(lastDepartureMs, st.session.departureMs);
  const endMs = Math.ceil(lastDepartureMs / ISP_MS) * ISP_MS;
  prices.cover(day, DeliveryDay.containing(new Date(endMs - 1)));
  const drawnKwh = new Float64Array((endMs - startMs) / ISP_MS);

  const fleet = new DispatchFleet(Math.max(1, states.length));
  const disaggregator = new Disaggregator(fleet, DispatchSites.none(), { cycleS: BACKTEST_CYCLE_S, deadbandKw: 0.5, deadbandPct: 5, laxityReserveS: 0 });
  const methods = new Set<string>();
  let replans = 0;
  let planDayStartMs = Number.NaN;
  let nextArrival = 0;
  const inFleet: State[] = [];

  for (let ispMs = startMs, g = 0; ispMs < endMs; ispMs += ISP_MS, g += 1) {
    // What the planner knows at the ISP start: who has arrived and not left.
    const present = states.filter((st) => !st.done && st.session.arrivalMs <= ispMs && st.session.departureMs > ispMs);
    const planDay = DeliveryDay.containing(new Date(ispMs));
    // Sessions that still need energy: without a site limit the others' schedules cannot change (0 kW from here on).
    const needing = present.filter((st) => st.belief === undefined || (!st.knownFull && st.belief.needKwh - st.deliveredKwh > 1e-6));
    const replan =
      needing.length > 0 &&
      (needing.some((st) => st.belief === undefined || st.belief.departureMs <= ispMs) ||
        present.some((st) => st.knownFull && !st.fullPlanned) ||
        planDay.start.getTime() !== planDayStartMs);
    if (replan) {
      const live: PlanLiveSession[] = [];
      for (const st of present) {
        st.belief = beliefs.beliefAt({ session: st.session, deliveredKwh: st.deliveredKwh, knownFull: st.knownFull }, ispMs, st.belief ?? st.firstBelief);
        st.firstBelief ??= st.belief;
        st.fullPlanned = st.knownFull;
        live.push(liveSession(st, st.belief));
      }
      // Forecast cohorts of later arrivals are left out: without a site limit they cannot change a live session's schedule.
      const plan = await planPortfolioDay(planInputs(planDay, new Date(ispMs), prices, live, [], input.planOptions, []));
      replans += 1;
      methods.add(plan.method);
      planDayStartMs = planDay.start.getTime();
      const byId = new Map(plan.subjects.map((subject) => [subject.ref, subject.powerKw]));
      for (const st of present) {
        st.planKw = byId.get(st.session.id);
        st.planDayStartMs = planDayStartMs;
      }
    }

    for (let c = 0; c < ISP_MS / CYCLE_MS; c += 1) {
      const t = ispMs + c * CYCLE_MS;
      while (nextArrival < states.length && states[nextArrival].session.arrivalMs < t + CYCLE_MS) inFleet.push(states[nextArrival++]);
      for (let i = inFleet.length - 1; i >= 0; i -= 1) {
        const st = inFleet[i];
        if (st.session.departureMs > t) continue;
        if (st.slot >= 0) fleet.remove(st.session.id);
        st.done = true;
        inFleet.splice(i, 1);
      }
      for (const st of inFleet) {
        const s = st.session;
        // Until its first plan (the next ISP start) a session is known only by its belief at arrival: its baseline is 0 and the floor keeps its promise.
        st.firstBelief ??= beliefs.beliefAt({ session: s, deliveredKwh: 0, knownFull: false }, Math.max(t, s.arrivalMs), undefined);
        const belief = st.belief ?? st.firstBelief;
        const k = Math.round((ispMs - st.planDayStartMs) / ISP_MS);
        const baselineKw = st.planKw !== undefined && k >= 0 && k < st.planKw.length ? st.planKw[k] : 0;
        const needKwh = st.knownFull ? st.deliveredKwh : belief.needKwh;
        st.cycleShare = cycleShare(s, t);
        const cycleMaxKw = s.maxPowerKw * st.cycleShare;
        st.slot = fleet.upsert({
          sessionId: s.id,
          channel: 'ocpi',
          siteIndex: -1,
          baselineKw,
          measuredKw: st.slot >= 0 ? fleet.measuredKw[st.slot] : 0,
          telemetryAtS: t / 1000,
          bandMinKw: 0,
          bandMaxKw: cycleMaxKw,
          drawKw: cycleMaxKw,
          maxKw: cycleMaxKw,
          minChargeKw: 0,
          deliveredKwh: st.deliveredKwh,
          targetKwh: needKwh,
          ceilingKwh: Math.max(needKwh, st.deliveredKwh),
          // Overdue (still plugged in after the departure planned at arrival, need unmet): the rest is charged at full power now
          // (the planner's ISP grid would spread it over the ISP the EV may not wait out). A declared departure inside an ISP
          // is the dispatcher's own (the belief is rounded up to the ISP end for the planner): its floor charges what the
          // planner's ISP average would leave short when the EV goes mid-ISP.
          departureS: (st.firstBelief.departureMs <= t ? t : Math.min(belief.departureMs, s.declaredDepartureMs ?? Number.POSITIVE_INFINITY)) / 1000,
        });
      }
      if (inFleet.length === 0) continue;
      const target = portfolioTarget(fleetBaselineKw(fleet.baselineKw, fleet.active, fleet.slotCount), { afrrSetpointKw: 0, fcrContractedKw: 0, frequencyHz: null, positionCorrectionKw: 0 });
      const result = disaggregator.run(target.targetKw, t / 1000);
      // Physics: each car draws its setpoint over the part of the cycle it is plugged in, until it holds its actual energy.
      for (const st of inFleet) {
        const s = st.session;
        const hours = (Math.min(t + CYCLE_MS, s.departureMs) - Math.max(t, s.arrivalMs)) / MS_PER_HOUR;
        const offered = st.cycleShare > 0 ? (Math.max(0, result.setpointKw[st.slot]) / st.cycleShare) * hours : 0;
        const room = Math.max(0, s.energyKwh - st.deliveredKwh);
        const took = Math.min(offered, room);
        if (offered > room + 1e-9) st.knownFull = true;
        st.deliveredKwh += took;
        drawnKwh[g] += took;
        fleet.measuredKw[st.slot] = hours > 0 ? took / hours : 0;
      }
    }
  }

  const sessions: SessionResult[] = states.map((st) => {
    const deliverable = deliverableKwh(st.session);
    // Declared: the driver's own time, not the planner's ISP-end rounding of it (a stay shorter than the arrival's ISP left nothing early).
    const takenOnDepartureMs = st.session.declaredDepartureMs ?? st.firstBelief?.departureMs;
    return {
      session: st.session,
      deliveredKwh: st.deliveredKwh,
      deliverableKwh: deliverable,
      feasible: st.session.energyKwh <= deliverable + 1e-7,
      needMet: st.deliveredKwh >= deliverable - NEED_MET_TOLERANCE_KWH,
      leftEarly: takenOnDepartureMs !== undefined && st.session.departureMs < takenOnDepartureMs,
    };
  });
  return {
    positionKw: position.plan.portfolio.plannedKw,
    positionPriceSource: String((position.plan.inputsSummary.prices as { source?: string } | undefined)?.source ?? 'unknown'),
    forecastCohorts: position.cohorts,
    forecastNote: position.note,
    drawnKwh,
    sessions,
    replans,
    planMethods: methods,
  };
}
