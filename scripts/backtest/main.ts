import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfigOrExit } from '@vpp/config';
import type { HistoricalSession } from '@vpp/flexibility/domain/forecast';
import type { PlanOptions } from '@vpp/flexibility/application/planning/plan-inputs';
import { decimalToFloat } from '@vpp/flexibility/domain/site-services/site-services-mapping';
import { Decimal, DeliveryDay, RoundingMode, gateClosureInstant, parseGateClosureRule } from '@vpp/units';
import { readSessionIndex } from '../demo/derived-sessions';
import { valueCapturedSvg } from './chart';
import { BACKTEST_CYCLE_S, BACKTEST_SITE_ID, NEED_MET_TOLERANCE_KWH, runDay } from './day-run';
import { BacktestSessions, PriceBook, historicalSession, rollingSession } from './inputs';
import { BACKTEST_MARKETS, daysCsv, eur, ratio, totalsOf, type BacktestMarket, type DayKpis } from './kpis';
import { backtestOptions, type DepartureRule } from './options';
import { settleDay } from './settle-day';

/** As the demo: six weeks of history before each day (the forecaster's and the departure beliefs'). */
export const HISTORY_DAYS = 42;

/** backtest.json, the totals of issue 8 item 2 (money as decimal strings, value captured as a decimal string). */
export interface BacktestSummary {
  readonly from: string;
  readonly to: string;
  /** What the planner knew of each departure at plug-in (options.ts DEPARTURE_RULES). */
  readonly departure_rule: DepartureRule;
  readonly days: number;
  readonly sessions: number;
  readonly sessions_feasible: number;
  readonly sessions_need_met: number;
  readonly sessions_left_early: number;
  readonly sessions_promised: number;
  readonly sessions_promised_need_met: number;
  readonly energy_kwh: string;
  readonly undelivered_kwh: string;
  readonly uncontrolled_cost_eur: string;
  readonly optimised_cost_eur: string;
  readonly perfect_foresight_cost_eur: string;
  readonly value_captured: string | null;
  readonly revenue_eur: Record<BacktestMarket, string | null>;
  readonly revenue_not_valued: Partial<Record<BacktestMarket, string>>;
  readonly position_mwh: string;
  readonly imbalance_mwh: string;
  readonly replans: number;
  readonly derived_inputs: string[];
  readonly definitions: Record<string, string>;
  readonly files: string[];
  readonly wall_s: string;
}

export const BACKTEST_KEYS: readonly (keyof BacktestSummary)[] = [
  'from', 'to', 'departure_rule', 'days', 'sessions', 'sessions_feasible', 'sessions_need_met', 'sessions_left_early', 'sessions_promised', 'sessions_promised_need_met', 'energy_kwh', 'undelivered_kwh',
  'uncontrolled_cost_eur', 'optimised_cost_eur', 'perfect_foresight_cost_eur', 'value_captured', 'revenue_eur', 'revenue_not_valued',
  'position_mwh', 'imbalance_mwh', 'replans', 'derived_inputs', 'definitions', 'files', 'wall_s',
];

const log = (text: string): void => {
  process.stderr.write(`backtest: ${text}\n`);
};

function daysOf(from: DeliveryDay, to: DeliveryDay): DeliveryDay[] {
  const days: DeliveryDay[] = [];
  for (let d = from; d.compare(to) <= 0; d = d.next()) days.push(d);
  return days;
}

/** Reserve markets the backtest does not value, and why (said in backtest.json, never a made-up figure). */
function notValued(from: DeliveryDay): Partial<Record<BacktestMarket, string>> {
  return {
    fcr:
      `not valued: the backtest bids no reserves (no prequalified capacity; the plan's co-optimisation gets 0 MW) and FCR could only be priced at an ASSUMED capacity price (no public FCR auction data)` +
      (from.isoDate < '2020-07-01' ? '; the NL FCR product is in effect from 2020-07-01 only' : ''),
    afrr:
      'not valued: the backtest bids no reserves and activates none (no prequalified capacity)' + (from.isoDate < '2020-11-03' ? '; the NL aFRR capacity product is in effect from 2020-11-03 only' : ''),
  };
}

export async function runBacktest(argv: string[] = process.argv.slice(2)): Promise<BacktestSummary> {
  const started = performance.now();
  const config = loadConfigOrExit({ LOG_LEVEL: 'warn' });
  const options = backtestOptions(config.dataDir, argv);
  const inputsDir = join(options.outDir, 'inputs');
  mkdirSync(inputsDir, { recursive: true });
  const index = await readSessionIndex(options.sessionsPath);
  const sessions = new BacktestSessions(index, options.evs);
  const prices = new PriceBook(config.dataDir, inputsDir, options.pricesPath);
  const days = daysOf(options.from, options.to);
  // The D-1 position plans on the naive week-before prices: the week before the first day is read too.
  prices.cover(options.from.plusDays(-7), options.to);
  const capacity = config.planning.capacityPricesEurPerMwH;
  const planOptions: PlanOptions = {
    reserveConfidence: config.planning.reserveConfidence,
    degradationEurPerKwh: config.planning.degradationEurPerKwh,
    capacityPrices: { fcr: decimalToFloat(new Decimal(capacity.fcr)), afrrUp: decimalToFloat(new Decimal(capacity.afrrUp)), afrrDown: decimalToFloat(new Decimal(capacity.afrrDown)) },
    capacityPricesNote: `assumed capacity prices for every block: FCR ${capacity.fcr}, aFRR up ${capacity.afrrUp}, aFRR down ${capacity.afrrDown} EUR/MW/h (configuration, no market data yet)`,
  };
  log(`${days.length} days ${options.from.isoDate}..${options.to.isoDate}, sessions ${relative(process.cwd(), options.sessionsPath)} (${index.format}), ${options.evs === null ? "the file's own sessions per day" : `${options.evs} EVs per day`}, departures ${options.departureRule}`);

  const kpis: DayKpis[] = [];
  const movedDays: string[] = [];
  const replicatedDays: string[] = [];
  let positionSources = new Set<string>();
  let declared = 0;
  let requestedDepartures = 0;
  for (const day of days) {
    const dayStarted = performance.now();
    const own = sessions.of(day);
    if (own.moved > 0) movedDays.push(`${day.isoDate} (${own.moved} from ${own.movedFrom.slice(0, 3).join(', ')}${own.movedFrom.length > 3 ? ', ...' : ''})`);
    if (own.replicated > 0) replicatedDays.push(`${day.isoDate} (${own.replicated})`);
    const daySessions = own.sessions
      .map((s) => rollingSession(s, sessions.maxPowerKw(s), options.departureRule))
      .filter((s) => s.departureMs > s.arrivalMs && s.maxPowerKw > 0);
    declared += own.sessions.filter((s) => s.requestedEnergy !== undefined && s.requestedEnergy !== null).length;
    requestedDepartures += own.sessions.filter((s) => s.requestedDeparture !== undefined && s.requestedDeparture !== null).length;
    const history: HistoricalSession[] = [];
    for (let k = 1; k <= HISTORY_DAYS; k += 1) {
      for (const s of sessions.of(day.plusDays(-k)).sessions) history.push(historicalSession(BACKTEST_SITE_ID, rollingSession(s, sessions.maxPowerKw(s), options.departureRule)));
    }
    const knownAt = new Date(gateClosureInstant(parseGateClosureRule('D-1 08:00'), day).getTime() - (config.markets.gateSafetyMarginMinutes + 60) * 60_000);
    const run = await runDay({ day, sessions: daySessions, history, historyFrom: day.plusDays(-HISTORY_DAYS), positionKnownAt: knownAt, prices, planOptions });
    positionSources = new Set([...positionSources, run.positionPriceSource]);
    let lastMs = day.end.getTime();
    for (const s of daySessions) lastMs = Math.max(lastMs, s.departureMs);
    const timeline = prices.timeline(day.start.getTime(), lastMs);
    const k = await settleDay(day, run, prices, timeline, dayStarted);
    kpis.push(k);
    log(
      `${day.isoDate}: ${k.sessions} sessions (need met ${k.sessionsNeedMet}/${k.sessionsFeasible} feasible, ${k.sessionsLeftEarly} left early, promise kept ${k.sessionsPromisedNeedMet}/${k.sessionsPromised}), ${run.forecastCohorts} forecast cohorts, ${run.replans} re-plans; ` +
        `EUR uncontrolled ${eur(k.uncontrolledCost)}, optimised ${eur(k.optimisedCost)}, perfect foresight ${eur(k.perfectForesightCost)}; ${(k.wallMs / 1000).toFixed(1)} s`,
    );
  }

  const totals = totalsOf(kpis);
  const derived: string[] = [];
  if (index.sourceZone !== 'Europe/Amsterdam') derived.push(`sessions DERIVED: the ${index.format} file is in ${index.sourceZone}; every session is moved onto the day with its wall clock read as Europe/Amsterdam (dwell kept)`);
  if (movedDays.length > 0) derived.push(`sessions DERIVED: on ${movedDays.length} of ${days.length} days the file holds ${options.evs === null ? 'no session' : `fewer than --evs ${options.evs}`}; sessions of the same weekday from the nearest covered weeks moved onto them (local time of day kept): ${movedDays.join('; ')}`);
  if (replicatedDays.length > 0) derived.push(`sessions REPLICATED: copies of the day's sessions (each on its own EVSE) to reach --evs ${options.evs ?? ''} on ${replicatedDays.join(', ')}`);
  derived.push(`history DERIVED: for each day the ${HISTORY_DAYS} days before it, each built by the same rule, train the forecaster (D-1 position) and the departure beliefs`);
  if (options.departureRule === 'stated') {
    derived.push(
      'need and plug-out time ASSUMED stated by the driver at plug-in (the energy the session drew, its plug-out time), as in the demo (--departure stated): ' +
        `${totals.sessions - declared} of ${totals.sessions} sessions record no declared need, so the energy they drew stands in; every session is planned on its actual plug-out time` +
        (requestedDepartures > 0 ? ` (${requestedDepartures} requested departures in the file are not used)` : '') +
        "; --departure forecast plans on the forecast's expected departure instead",
    );
  } else if (declared < totals.sessions) {
    derived.push(`energy need ASSUMED declared: ${totals.sessions - declared} of ${totals.sessions} sessions record no declared need, so the energy they drew stands in (the driver states it in the app); their departure is planned on the forecast's expected departure for the arrival cohort (libs/optimizer declaredBeliefs), re-forecast once passed`);
  }
  derived.push(`max power: observed per session, else ASSUMED the layout's nominal EVSE rating ${index.nominalEvseKw.toString()} kW`);
  derived.push('site limits ASSUMED none: the files record none, so the whole fleet is one site whose limit never binds (sessions do not interact)');
  derived.push('uncontrolled baseline ASSUMED: each session draws its max power from arrival until its energy is delivered (the data records no profile); priced over the whole dwell like the other two costs');
  derived.push(`dispatch ASSUMED: every session follows the dispatcher's commands (OCPI charging-profile caps, the car draws its max power uncapped), in ${BACKTEST_CYCLE_S}-s cycles of simulated time (for a session with a declared departure, in a cycle it is plugged in for only part of, after its arrival or up to that departure, the command is a cycle average the car draws over that part); a session's first plan comes at the next ISP start after its arrival; a session still plugged in after the departure planned at arrival with its need unmet charges the rest at full power`);
  derived.push(
    'imbalance not priced: the energy drawn is costed at the day-ahead price whatever the D-1 position was (ASSUMED: deviations settle at the day-ahead price; no NL imbalance prices for the period are used); imbalance_mwh reports Σ|drawn - position| over the days\' ISPs',
  );
  derived.push(`planner capacity prices ASSUMED: FCR ${capacity.fcr}, aFRR up ${capacity.afrrUp}, aFRR down ${capacity.afrrDown} EUR/MW/h (PLANNING_CAPACITY_PRICES_EUR_PER_MW_H); with no prequalified capacity no reserve is planned`);
  if (prices.derivedDays.length > 0) derived.push(`${prices.derivedReason ?? 'day-ahead prices DERIVED'}: the nearest covered same weekday moved onto ${prices.derivedDays.join(', ')} (local time of day kept)`);
  derived.push(`D-1 position priced by the planner on ${[...positionSources].join(', ')} prices (the day's own are published at D-1 13:00, after the position's known_at)`);
  derived.push('undelivered energy (sessions that left before their need was met) valued at the highest day-ahead price of the session\'s dwell in optimised_cost_eur (no credit for not delivering)');

  const revenue = {} as Record<BacktestMarket, string | null>;
  for (const market of BACKTEST_MARKETS) revenue[market] = totals.revenue[market] === null ? null : eur(totals.revenue[market]);
  mkdirSync(options.outDir, { recursive: true });
  const files = [join(options.outDir, 'days.csv'), join(options.outDir, 'value-captured.svg'), join(options.outDir, 'backtest.json')];
  writeFileSync(files[0], daysCsv(kpis));
  writeFileSync(files[1], valueCapturedSvg(kpis, `Value captured against the perfect-foresight optimum, ${options.from.isoDate}..${options.to.isoDate} (${index.format})`));
  const summary: BacktestSummary = {
    from: options.from.isoDate,
    to: options.to.isoDate,
    departure_rule: options.departureRule,
    days: totals.days,
    sessions: totals.sessions,
    sessions_feasible: totals.sessionsFeasible,
    sessions_need_met: totals.sessionsNeedMet,
    sessions_left_early: totals.sessionsLeftEarly,
    sessions_promised: totals.sessionsPromised,
    sessions_promised_need_met: totals.sessionsPromisedNeedMet,
    energy_kwh: totals.energyKwh.toFixed(3, RoundingMode.HALF_EVEN),
    undelivered_kwh: totals.undeliveredKwh.toFixed(3, RoundingMode.HALF_EVEN),
    uncontrolled_cost_eur: eur(totals.uncontrolledCost),
    optimised_cost_eur: eur(totals.optimisedCost),
    perfect_foresight_cost_eur: eur(totals.perfectForesightCost),
    value_captured: ratio(totals.valueCaptured),
    revenue_eur: revenue,
    revenue_not_valued: notValued(options.from),
    position_mwh: totals.positionMwh.toFixed(6, RoundingMode.HALF_EVEN),
    imbalance_mwh: totals.imbalanceMwh.toFixed(6, RoundingMode.HALF_EVEN),
    replans: totals.replans,
    derived_inputs: derived,
    definitions: {
      value_captured: '(uncontrolled - optimised) / (uncontrolled - perfect foresight), of the period totals (exact), 4 decimals; null when nothing could be saved',
      optimised_cost_eur: 'energy the dispatched sessions drew, at the day-ahead price of each MTU, plus undelivered energy at the highest price of its dwell',
      perfect_foresight_cost_eur: 'the exact per-session LP knowing every actual session and price (libs/optimizer perfectForesight), per day',
      'revenue_eur.day-ahead': 'settlement day-ahead saving lines (libs/settlement priceDayAhead): per MTU (uncontrolled MWh - drawn MWh) x price = uncontrolled - optimised energy cost',
      sessions_need_met: `feasible sessions that got their need (or what max power allowed in their dwell) by their actual departure, within ${NEED_MET_TOLERANCE_KWH * 1000} Wh; early leavers included`,
      sessions_left_early: 'sessions that left before the departure the planner took them on with (declared, else the forecast expected one)',
      sessions_promised: 'feasible sessions that did not leave early: the mobility promise applies to them; sessions_promised_need_met of them got their need',
    },
    files: files.map((f) => relative(process.cwd(), f)),
    wall_s: ((performance.now() - started) / 1000).toFixed(1),
  };
  writeFileSync(files[2], `${JSON.stringify(summary, null, 2)}\n`);
  printTotals(summary);
  return summary;
}

function printTotals(s: BacktestSummary): void {
  const out: string[] = [];
  out.push(`ev-vpp backtest ${s.from}..${s.to}: ${s.days} days, departures ${s.departure_rule}`, '');
  out.push(`  sessions            ${s.sessions} (feasible ${s.sessions_feasible}, need met ${s.sessions_need_met}, left early ${s.sessions_left_early})`);
  out.push(`  promise kept        ${s.sessions_promised_need_met} of ${s.sessions_promised} sessions that stayed until the departure planned on`);
  out.push(`  energy              ${s.energy_kwh} kWh drawn, ${s.undelivered_kwh} kWh undelivered`);
  out.push(`  cost EUR            uncontrolled ${s.uncontrolled_cost_eur}, optimised ${s.optimised_cost_eur}, perfect foresight ${s.perfect_foresight_cost_eur}`);
  out.push(`  value captured      ${s.value_captured ?? 'n/a (nothing to save)'}`);
  out.push(`  revenue EUR         ${Object.entries(s.revenue_eur).map(([m, v]) => `${m} ${v ?? 'not valued'}`).join(', ')}`);
  out.push(`  position            ${s.position_mwh} MWh (D-1), imbalance ${s.imbalance_mwh} MWh, ${s.replans} re-plans`, '');
  out.push('Not valued');
  for (const [market, why] of Object.entries(s.revenue_not_valued)) out.push(`  - ${market}: ${why}`);
  out.push('', 'Derived or assumed inputs');
  for (const input of s.derived_inputs) out.push(`  - ${input}`);
  out.push('', `files: ${s.files.join(', ')}`, `done in ${s.wall_s} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}
