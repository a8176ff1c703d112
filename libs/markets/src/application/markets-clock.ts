/** Where the markets context reads "now": MarketsModule binds it to the platform clock (PLATFORM_CLOCK); tests may bind a set instant. */
export interface MarketsClock {
  now(): Date;
}

export const MARKETS_CLOCK = Symbol('MARKETS_CLOCK');
