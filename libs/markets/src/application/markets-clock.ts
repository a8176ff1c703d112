/** Where the markets context reads "now": the wall clock in apps, a set instant in tests. */
export interface MarketsClock {
  now(): Date;
}

export const MARKETS_CLOCK = Symbol('MARKETS_CLOCK');

export const systemMarketsClock: MarketsClock = { now: () => new Date() };
