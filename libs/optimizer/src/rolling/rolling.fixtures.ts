import type { HistoricalSession } from '@vpp/flexibility/domain';
import { DeliveryDay } from '@vpp/units';
import type { PriceTimeline } from './price-timeline';
import { SessionPrior } from './session-prior';

/** Builders for the rolling specs (not used by production code). */

const ISP_MS = 15 * 60_000;
const MS_PER_HOUR = 3_600_000;

/** Prices per ISP over `days` whole delivery days from `first`, from a function of the local hour. */
export function pricesByLocalHour(first: DeliveryDay, days: number, priceOf: (dayIndex: number, localHour: number) => number): PriceTimeline {
  const values: number[] = [];
  for (let d = 0; d < days; d += 1) {
    const day = first.plusDays(d);
    for (let h = 0; h < 24; h += 1) {
      const from = day.atLocalTime(h, 0).getTime();
      const to = h === 23 ? day.end.getTime() : day.atLocalTime(h + 1, 0).getTime();
      for (let ms = from; ms < to; ms += ISP_MS) values.push(priceOf(d, h));
    }
  }
  return { startMs: first.start.getTime(), eurPerMwh: Float64Array.from(values) };
}

/**
 * A prior from `weeks` of identical history sessions arriving at local `hour` every day before
 * `before`: every cohort quantile is `dwellHours` / `energyKwh`.
 */
export function flatPrior(before: DeliveryDay, hour: number, dwellHours: number, energyKwh: number, weeks = 4): SessionPrior {
  return dwellsPrior(before, hour, [dwellHours], energyKwh, weeks);
}

/** Like `flatPrior`, but every day's arrivals at `hour` stay each of `dwells` hours (one EV per dwell). */
export function dwellsPrior(before: DeliveryDay, hour: number, dwells: readonly number[], energyKwh: number, weeks = 4): SessionPrior {
  const history: HistoricalSession[] = [];
  const first = before.plusDays(-7 * weeks);
  for (let day = first; day.compare(before) < 0; day = day.next()) {
    const arrivalMs = day.atLocalTime(hour, 0).getTime();
    for (const dwellHours of dwells) history.push({ siteId: 'site', arrivalMs, departureMs: arrivalMs + dwellHours * MS_PER_HOUR, energyKwh, maxPowerKw: 11 });
  }
  return SessionPrior.train({ scope: { kind: 'site', id: 'site' }, history, trainFrom: first, trainTo: before.previous(), knownAt: before.start });
}
