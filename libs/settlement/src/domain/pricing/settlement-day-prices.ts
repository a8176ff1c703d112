import { Decimal, DeliveryDay, ISP_MINUTES, Isp } from '@vpp/units';

/** The markets whose ISP prices settlement reads from its price table. */
export const SETTLEMENT_PRICE_MARKETS = ['day-ahead', 'afrr-energy-up', 'afrr-energy-down'] as const;
export type SettlementPriceMarket = (typeof SETTLEMENT_PRICE_MARKETS)[number];

/** One published price: the interval it starts and its price in EUR/MWh (may be negative). */
export interface PublishedPrice {
  readonly start: Date;
  readonly priceEurPerMwh: Decimal;
}

export interface IspPrice {
  readonly isp: Isp;
  readonly priceEurPerMwh: Decimal;
}

export type DayPricesResult =
  | { readonly ok: true; readonly resolutionMinutes: 15 | 60; readonly isps: readonly IspPrice[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const HOUR_MS = 3_600_000;
const ISP_MS = ISP_MINUTES * 60_000;
const MAX_LISTED = 5;

function listed(what: string, instants: readonly number[]): string {
  const shown = instants.slice(0, MAX_LISTED).map((ms) => new Date(ms).toISOString());
  return `${what}: ${shown.join(', ')}${instants.length > MAX_LISTED ? ` and ${instants.length - MAX_LISTED} more` : ''}`;
}

/**
 * A delivery day's prices, one per ISP, from what a market published: either every ISP of the day
 * exactly once (15-minute prices: 92, 96 or 100 of them by the day's DST length) or every hour of
 * the day exactly once (60-minute prices: 23, 24 or 25, each the price of its four ISPs, as
 * ARCHITECTURE.md section 6 allows for day-ahead files). The resolution is the one the intervals
 * fit; anything else (a missing, repeated, misaligned or foreign interval) is refused with every
 * problem named.
 */
export function settlementDayPrices(day: DeliveryDay, published: readonly PublishedPrice[]): DayPricesResult {
  if (published.length === 0) return { ok: false, problems: [`no prices for ${day.isoDate}`] };
  const isps = day.isps();
  const hourly = published.length === isps.length / 4;
  const step = hourly ? HOUR_MS : ISP_MS;
  const expected = hourly ? isps.filter((_, i) => i % 4 === 0).map((isp) => isp.start.getTime()) : isps.map((isp) => isp.start.getTime());
  const expectedSet = new Set(expected);
  const seen = new Map<number, Decimal>();
  const repeated: number[] = [];
  const foreign: number[] = [];
  for (const price of published) {
    const ms = price.start.getTime();
    if (!expectedSet.has(ms)) foreign.push(ms);
    else if (seen.has(ms)) repeated.push(ms);
    else seen.set(ms, price.priceEurPerMwh);
  }
  const missing = expected.filter((ms) => !seen.has(ms));
  const problems: string[] = [];
  if (foreign.length > 0) {
    problems.push(listed(`not a ${hourly ? 'whole hour' : 'quarter hour (ISP start)'} of ${day.isoDate} (Europe/Amsterdam)`, foreign));
  }
  if (repeated.length > 0) problems.push(listed('given more than once', repeated));
  if (missing.length > 0) problems.push(listed(`missing (${day.isoDate} has ${isps.length} ISPs)`, missing));
  if (problems.length > 0) {
    if (!hourly) problems.push(`send ${isps.length} quarter-hourly or ${isps.length / 4} hourly prices, each interval once`);
    return { ok: false, problems };
  }
  return {
    ok: true,
    resolutionMinutes: hourly ? 60 : 15,
    isps: isps.map((isp) => ({ isp, priceEurPerMwh: seen.get(isp.start.getTime() - ((isp.start.getTime() - day.start.getTime()) % step)) as Decimal })),
  };
}
