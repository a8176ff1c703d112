import {
  PERFECT_INFORMATION,
  SessionPrior,
  declaredBeliefs,
  forecastBeliefs,
  perfectForesight,
  simulateRolling,
  summariseOutcomes,
  uncontrolledCostEur,
  valueCaptured,
  type OutcomeSummary,
  type RollingResult,
} from '@vpp/optimizer';
import { forecastDiagnostics } from './forecast-diagnostics';
import { loadDataset, type ValueDataset } from './value-datasets';
import { readPriceTimeline } from './value-prices';

export interface DatasetValue {
  readonly sessions: number;
  readonly rejected: number;
  readonly trainingSessions: number;
  readonly uncontrolledEur: number;
  readonly perfectForesightEur: number;
  readonly perfectForesightS: number;
  readonly perfectInfo: RollingResult;
  readonly perfectInfoSummary: OutcomeSummary;
  /** With forecasts: declared departure and energy, forecast expected departure where none is declared. */
  readonly forecast: RollingResult;
  readonly forecastSummary: OutcomeSummary;
  /** Diagnostic: the earlier conservative regime (P10 departure, P90 energy, declarations ignored). */
  readonly conservative: RollingResult;
  readonly conservativeSummary: OutcomeSummary;
  /** Diagnostic: undeclared departures re-forecast at every instant instead of once passed. */
  readonly everyInstant: RollingResult;
  readonly everyInstantSummary: OutcomeSummary;
  readonly valueCaptured: number;
  readonly valueCapturedPerfectInfo: number;
  readonly valueCapturedConservative: number;
  readonly valueCapturedEveryInstant: number;
  /**
   * Diagnostic: value captured on the sessions that did not leave before the departure planned
   * at arrival (uncontrolled, perfect foresight and the planner all restricted to them; without
   * site limits the sessions do not interact): the planner's capture when declarations hold.
   */
  readonly kept: { readonly sessions: number; readonly uncontrolledEur: number; readonly perfectForesightEur: number; readonly plannedEur: number; readonly valueCaptured: number };
  readonly forecastRegime: string;
  readonly diagnostics: Record<string, number>;
  readonly wallS: number;
}

const log = (text: string): void => {
  process.stderr.write(`plan value-captured: ${text}\n`);
};

/** Uncontrolled, perfect foresight and the rolling planner in both regimes, on one dataset. */
export async function runDatasetValue(dataDir: string, dataset: ValueDataset): Promise<DatasetValue> {
  const started = performance.now();
  const { evaluation, history, rejected, firstHistoryDay } = await loadDataset(dataDir, dataset);
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  for (const s of evaluation) {
    fromMs = Math.min(fromMs, s.arrivalMs);
    toMs = Math.max(toMs, s.departureMs);
  }
  // Prices up to the end of the day after the last departure: what a rolling horizon may see.
  const prices = readPriceTimeline(dataDir, dataset.pricesFile, fromMs, toMs + 48 * 3_600_000);
  const prior = SessionPrior.train({
    scope: { kind: 'fleet', id: dataset.name },
    history,
    trainFrom: firstHistoryDay,
    trainTo: dataset.windowFrom.previous(),
    knownAt: dataset.windowFrom.start,
  });
  log(`${dataset.name}: ${evaluation.length} sessions in ${dataset.windowFrom.isoDate}..${dataset.windowTo.isoDate}, ${prior.trainingSessions} training sessions (${prior.scheme})`);

  const uncontrolledEur = uncontrolledCostEur(evaluation, prices);
  const foresight = await perfectForesight(evaluation, prices);
  log(`${dataset.name}: perfect foresight ${foresight.costEur.toFixed(2)} EUR (${foresight.method}, ${foresight.lpColumns} columns, ${foresight.wallSeconds.toFixed(1)} s)`);
  const perfectInfo = await simulateRolling(evaluation, prices, { beliefs: PERFECT_INFORMATION });
  log(`${dataset.name}: rolling, perfect information: ${perfectInfo.totalCostEur.toFixed(2)} EUR, ${perfectInfo.replans} plans, ${perfectInfo.wallSeconds.toFixed(1)} s`);
  const beliefs = declaredBeliefs(prior);
  const forecast = await simulateRolling(evaluation, prices, { beliefs });
  log(`${dataset.name}: rolling, with forecasts (${beliefs.name}): ${forecast.totalCostEur.toFixed(2)} EUR, ${forecast.replans} plans, ${forecast.wallSeconds.toFixed(1)} s`);
  const conservative = await simulateRolling(evaluation, prices, { beliefs: forecastBeliefs(prior, { useDeclared: false }) });
  log(`${dataset.name}: rolling, conservative without declarations: ${conservative.totalCostEur.toFixed(2)} EUR, ${conservative.wallSeconds.toFixed(1)} s`);
  const everyInstant = await simulateRolling(evaluation, prices, { beliefs: declaredBeliefs(prior, { revise: 'every-instant' }) });
  log(`${dataset.name}: rolling, expected departure revised every instant: ${everyInstant.totalCostEur.toFixed(2)} EUR, ${everyInstant.wallSeconds.toFixed(1)} s`);
  const keptSessions = evaluation.filter((_, i) => !forecast.outcomes[i].leftEarly);
  const keptUncontrolledEur = uncontrolledCostEur(keptSessions, prices);
  const keptForesight = await perfectForesight(keptSessions, prices);
  const keptPlanned = await simulateRolling(keptSessions, prices, { beliefs });
  return {
    kept: {
      sessions: keptSessions.length,
      uncontrolledEur: keptUncontrolledEur,
      perfectForesightEur: keptForesight.costEur,
      plannedEur: keptPlanned.totalCostEur,
      valueCaptured: valueCaptured(keptUncontrolledEur, keptPlanned.totalCostEur, keptForesight.costEur),
    },
    sessions: evaluation.length,
    rejected,
    trainingSessions: prior.trainingSessions,
    uncontrolledEur,
    perfectForesightEur: foresight.costEur,
    perfectForesightS: foresight.wallSeconds,
    perfectInfo,
    perfectInfoSummary: summariseOutcomes(perfectInfo.outcomes),
    forecast,
    forecastSummary: summariseOutcomes(forecast.outcomes),
    conservative,
    conservativeSummary: summariseOutcomes(conservative.outcomes),
    everyInstant,
    everyInstantSummary: summariseOutcomes(everyInstant.outcomes),
    valueCaptured: valueCaptured(uncontrolledEur, forecast.totalCostEur, foresight.costEur),
    valueCapturedPerfectInfo: valueCaptured(uncontrolledEur, perfectInfo.totalCostEur, foresight.costEur),
    valueCapturedConservative: valueCaptured(uncontrolledEur, conservative.totalCostEur, foresight.costEur),
    valueCapturedEveryInstant: valueCaptured(uncontrolledEur, everyInstant.totalCostEur, foresight.costEur),
    forecastRegime: beliefs.name,
    diagnostics: forecastDiagnostics(evaluation, forecast.outcomes),
    wallS: (performance.now() - started) / 1000,
  };
}
