import type { DeliveryDay, Isp } from '@vpp/units';

/** Prices per ISP in EUR/MWh, or undefined where the source has none. */
export type PriceLookup = (isp: Isp) => number | undefined;

export type PriceSource = 'day-ahead' | 'naive-week-before';

export interface DayPrices {
  readonly pricesEurPerMwh: Float64Array;
  readonly source: PriceSource;
  readonly note: string;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Day-ahead results are published around 12:45 CET on D-1 (SDAC); 13:00 local is used as the
 * instant from which the day's prices count as known. An assumption (publication can slip), named
 * in every plan that used it.
 */
export const DAY_AHEAD_PUBLISHED_LOCAL = { hour: 13, minute: 0 } as const;

/**
 * The prices a plan made at `knownAt` may use: the day's real day-ahead prices if they were
 * published by then and complete, else the naive forecast "same ISP one week earlier" (by UTC
 * instant, so a DST week shifts by one hour of wall clock; documented and accepted for a naive
 * forecast). Throws when neither is available.
 */
export function dayPrices(lookup: PriceLookup, day: DeliveryDay, knownAt: Date): DayPrices {
  const isps = day.isps();
  const publishedAt = day.previous().atLocalTime(DAY_AHEAD_PUBLISHED_LOCAL.hour, DAY_AHEAD_PUBLISHED_LOCAL.minute);
  if (knownAt.getTime() >= publishedAt.getTime()) {
    const actual = isps.map(lookup);
    if (actual.every((p) => p !== undefined)) {
      return { pricesEurPerMwh: Float64Array.from(actual as number[]), source: 'day-ahead', note: `day-ahead prices of ${day.isoDate} (published by ${publishedAt.toISOString()}, assumed publication 13:00 local D-1)` };
    }
  }
  const naive = isps.map((isp) => lookup(ispAt(isp, -WEEK_MS)));
  const missing = naive.findIndex((p) => p === undefined);
  if (missing >= 0) throw new Error(`no day-ahead price for ${day.isoDate} nor for the week before (ISP ${missing + 1})`);
  return {
    pricesEurPerMwh: Float64Array.from(naive as number[]),
    source: 'naive-week-before',
    note: `assumed: naive price forecast, the same ISP one week earlier (day-ahead prices of ${day.isoDate} not known at ${knownAt.toISOString()})`,
  };
}

function ispAt(isp: Isp, offsetMs: number): Isp {
  return isp.plus(offsetMs / 900_000);
}
