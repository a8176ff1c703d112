import { DeliveryDay } from '@vpp/units';

import { localQuarterOf } from './day-type';
import { forecastDay } from './forecast-day';
import { ForecastError, ForecastOptions, trainForecastModel } from './forecast-model';
import { FORECAST_QUANTILES, Quantiles, pinballLoss, quantileValue } from './quantiles';
import { ForecastScope, HistoricalSession, SESSION_FORECAST_METHOD, SESSION_FORECAST_VERSION } from './session-forecast';

export const DEFAULT_HOLDOUT_WEEKS = 4;

export type BacktestSeries =
  | 'arrivals_per_isp'
  | 'energy_kwh_per_isp'
  | 'arrivals_per_day'
  | 'energy_kwh_per_day'
  | 'dwell_h_per_session'
  | 'energy_need_kwh_per_session';

/**
 * - `pinball_loss` (per quantile, in the series' unit): mean over outcomes.
 * - `wape` (per quantile): sum |actual - forecast| / sum actual.
 * - `share_below` (per quantile): share of outcomes below the forecast quantile; calibrated = q.
 *   For dwell at 0.1 this is the share of EVs that left before their P10 departure.
 * - `coverage` (stored with quantile 0.8, the nominal width of P10-P90): share of outcomes in [P10, P90].
 */
export type BacktestMetricName = 'pinball_loss' | 'wape' | 'share_below' | 'coverage';

export interface BacktestMetric {
  readonly series: BacktestSeries;
  readonly metric: BacktestMetricName;
  readonly quantile: number;
  readonly value: number;
  /** Outcomes scored (ISPs, days or sessions). */
  readonly outcomes: number;
}

export interface BacktestInput {
  readonly scope: ForecastScope;
  readonly history: readonly HistoricalSession[];
  readonly holdoutWeeks?: number;
  /** Train on this many weeks before the held-back window; all earlier history when absent. */
  readonly lookbackWeeks?: number;
  /** Last held-back day; by default the day before the last arrival's day (which may be cut off). */
  readonly lastDay?: DeliveryDay;
  readonly options?: Partial<ForecastOptions>;
  readonly assumptions?: readonly string[];
}

export interface BacktestResult {
  readonly method: typeof SESSION_FORECAST_METHOD;
  readonly version: number;
  readonly scope: ForecastScope;
  readonly heldBackFrom: string;
  readonly heldBackTo: string;
  readonly trainedFrom: string;
  readonly trainedTo: string;
  /** The model knew everything before the first held-back day, nothing after. */
  readonly knownAt: Date;
  readonly heldBackDays: number;
  readonly heldBackSessions: number;
  readonly metrics: readonly BacktestMetric[];
  readonly assumptions: readonly string[];
}

class SeriesScore {
  private n = 0;
  private sumActual = 0;
  private covered = 0;
  private readonly pinball = new Float64Array(FORECAST_QUANTILES.length);
  private readonly absError = new Float64Array(FORECAST_QUANTILES.length);
  private readonly below = new Float64Array(FORECAST_QUANTILES.length);

  add(actual: number, forecast: Quantiles): void {
    this.n += 1;
    this.sumActual += actual;
    if (actual >= forecast.p10 && actual <= forecast.p90) this.covered += 1;
    FORECAST_QUANTILES.forEach((q, k) => {
      const f = quantileValue(forecast, q);
      this.pinball[k] += pinballLoss(q, actual, f);
      this.absError[k] += Math.abs(actual - f);
      if (actual < f) this.below[k] += 1;
    });
  }

  metrics(series: BacktestSeries): BacktestMetric[] {
    if (this.n === 0) return [];
    const outcomes = this.n;
    const perQuantile = FORECAST_QUANTILES.flatMap((q, k) => {
      const lines: BacktestMetric[] = [
        { series, metric: 'pinball_loss', quantile: q, value: this.pinball[k] / this.n, outcomes },
        { series, metric: 'share_below', quantile: q, value: this.below[k] / this.n, outcomes },
      ];
      // WAPE is undefined without any actual volume.
      if (this.sumActual > 0) lines.push({ series, metric: 'wape', quantile: q, value: this.absError[k] / this.sumActual, outcomes });
      return lines;
    });
    return [...perQuantile, { series, metric: 'coverage', quantile: 0.8, value: this.covered / this.n, outcomes }];
  }
}

const MS_PER_HOUR = 3_600_000;
const ISP_MS = 900_000;

/**
 * Holds back the last `holdoutWeeks` weeks (default 4), trains once on the weeks before (all, or
 * the last `lookbackWeeks`), forecasts each held-back day and scores it against what arrived:
 * arrivals and arriving energy per ISP and per day, dwell and energy need per session.
 * Deterministic: no sampling, no clock.
 */
export function backtestSessionForecast(input: BacktestInput): BacktestResult {
  if (input.history.length === 0) throw new ForecastError('EMPTY_TRAINING_WINDOW', 'no history to backtest on');
  const holdoutWeeks = input.holdoutWeeks ?? DEFAULT_HOLDOUT_WEEKS;
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const s of input.history) {
    firstMs = Math.min(firstMs, s.arrivalMs);
    lastMs = Math.max(lastMs, s.arrivalMs);
  }
  const lastDay = input.lastDay ?? DeliveryDay.containing(new Date(lastMs)).previous();
  const heldBackFrom = lastDay.plusDays(1 - 7 * holdoutWeeks);
  const trainTo = heldBackFrom.previous();
  const earliest = DeliveryDay.containing(new Date(firstMs));
  const lookbackStart = input.lookbackWeeks === undefined ? earliest : heldBackFrom.plusDays(-7 * input.lookbackWeeks);
  const trainFrom = lookbackStart.compare(earliest) < 0 ? earliest : lookbackStart;
  const knownAt = heldBackFrom.start;
  const model = trainForecastModel({ scope: input.scope, history: input.history, trainFrom, trainTo, knownAt, options: input.options, assumptions: input.assumptions });

  const byDay = new Map<string, HistoricalSession[]>();
  for (const s of input.history) {
    if (s.arrivalMs < knownAt.getTime() || s.arrivalMs >= lastDay.end.getTime()) continue;
    const isoDate = localQuarterOf(s.arrivalMs).isoDate;
    const list = byDay.get(isoDate) ?? [];
    list.push(s);
    byDay.set(isoDate, list);
  }

  const scores = new Map<BacktestSeries, SeriesScore>(
    (['arrivals_per_isp', 'energy_kwh_per_isp', 'arrivals_per_day', 'energy_kwh_per_day', 'dwell_h_per_session', 'energy_need_kwh_per_session'] as const).map((s) => [s, new SeriesScore()]),
  );
  const score = (series: BacktestSeries): SeriesScore => scores.get(series) as SeriesScore;
  let heldBackDays = 0;
  let heldBackSessions = 0;
  for (let day = heldBackFrom; day.compare(lastDay) <= 0; day = day.next()) {
    heldBackDays += 1;
    const forecast = forecastDay(model, day);
    const sessions = byDay.get(day.isoDate) ?? [];
    heldBackSessions += sessions.length;
    const counts = new Float64Array(day.ispCount);
    const energy = new Float64Array(day.ispCount);
    const startMs = day.start.getTime();
    let dayEnergy = 0;
    for (const s of sessions) {
      const i = Math.floor((s.arrivalMs - startMs) / ISP_MS);
      counts[i] += 1;
      energy[i] += s.energyKwh;
      dayEnergy += s.energyKwh;
      const cohort = forecast.cohorts[i];
      score('dwell_h_per_session').add((s.departureMs - s.arrivalMs) / MS_PER_HOUR, cohort.dwellHours);
      score('energy_need_kwh_per_session').add(s.energyKwh, cohort.energyNeedKwh);
    }
    forecast.cohorts.forEach((cohort, i) => {
      score('arrivals_per_isp').add(counts[i], cohort.arrivals);
      score('energy_kwh_per_isp').add(energy[i], cohort.arrivingEnergyKwh);
    });
    score('arrivals_per_day').add(sessions.length, forecast.arrivalsPerDay);
    score('energy_kwh_per_day').add(dayEnergy, forecast.energyKwhPerDay);
  }

  return {
    method: SESSION_FORECAST_METHOD,
    version: SESSION_FORECAST_VERSION,
    scope: input.scope,
    heldBackFrom: heldBackFrom.isoDate,
    heldBackTo: lastDay.isoDate,
    trainedFrom: model.trainedFrom,
    trainedTo: model.trainedTo,
    knownAt,
    heldBackDays,
    heldBackSessions,
    metrics: [...scores].flatMap(([series, s]) => s.metrics(series)),
    assumptions: model.assumptions,
  };
}
