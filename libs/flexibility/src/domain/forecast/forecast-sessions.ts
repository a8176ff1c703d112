import { DeliveryDay } from '@vpp/units';

import { forecastDay } from './forecast-day';
import { ForecastError, ForecastOptions, trainForecastModel } from './forecast-model';
import type { ForecastScope, HistoricalSession, SessionForecast } from './session-forecast';

export interface ForecastSessionsInput {
  readonly scope: ForecastScope;
  readonly history: readonly HistoricalSession[];
  readonly deliveryDay: DeliveryDay;
  /** Default: 12:00 local on the day before, the day-ahead gate closure the plan is made for. */
  readonly knownAt?: Date;
  /** Train on this many weeks up to the last full day before `knownAt`; all history when absent. */
  readonly lookbackWeeks?: number;
  readonly options?: Partial<ForecastOptions>;
  readonly assumptions?: readonly string[];
}

/** Day-ahead gate closure (D-1 12:00 Europe/Amsterdam): when a day's plan is fixed. */
export function defaultForecastKnownAt(day: DeliveryDay): Date {
  return day.previous().atLocalTime(12, 0);
}

/**
 * Trains on the history known at `knownAt` (whole days up to the day before knownAt's day) and
 * forecasts `deliveryDay`.
 */
export function forecastSessions(input: ForecastSessionsInput): SessionForecast {
  const knownAt = input.knownAt ?? defaultForecastKnownAt(input.deliveryDay);
  const trainTo = DeliveryDay.containing(knownAt).previous();
  let earliestMs = Number.POSITIVE_INFINITY;
  for (const s of input.history) earliestMs = Math.min(earliestMs, s.arrivalMs);
  if (!Number.isFinite(earliestMs)) throw new ForecastError('EMPTY_TRAINING_WINDOW', 'no history to train on');
  const earliest = DeliveryDay.containing(new Date(earliestMs));
  const lookbackStart = input.lookbackWeeks === undefined ? earliest : trainTo.plusDays(1 - 7 * input.lookbackWeeks);
  const trainFrom = lookbackStart.compare(earliest) < 0 ? earliest : lookbackStart;
  const model = trainForecastModel({ scope: input.scope, history: input.history, trainFrom, trainTo, knownAt, options: input.options, assumptions: input.assumptions });
  return forecastDay(model, input.deliveryDay);
}

/** A portfolio's or fleet's history: the sessions of its sites (their arrivals add up per day). */
export function historyOfSites(history: readonly HistoricalSession[], siteIds: Iterable<string>): HistoricalSession[] {
  const wanted = new Set(siteIds);
  return history.filter((s) => wanted.has(s.siteId));
}
