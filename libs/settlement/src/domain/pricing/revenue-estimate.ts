import { Money } from '@vpp/units';
import type { SettlementMarket } from '../settlement-vocabulary';
import type { MarketDeliveries } from './price-markets';
import { priceMarkets } from './price-markets';
import { sumOfLines } from './priced-line';

/** A live estimate of what the markets pay so far, per market and in total, unrounded. */
export interface RevenueEstimate {
  readonly byMarket: ReadonlyMap<SettlementMarket, Money>;
  readonly total: Money;
}

/**
 * The live estimate during the day: the very pricing the final statement uses (`priceMarkets`),
 * over the deliveries known so far (estimated or profile bases included), so the estimate and
 * the statement can differ only by their inputs, never by their rules.
 */
export function estimateRevenue(deliveries: MarketDeliveries): RevenueEstimate {
  const lines = priceMarkets(deliveries);
  const byMarket = new Map<SettlementMarket, Money>();
  for (const line of lines) byMarket.set(line.market, (byMarket.get(line.market) ?? Money.zero('EUR')).add(line.amount));
  return { byMarket, total: sumOfLines(lines) };
}
