import { Decimal } from '@vpp/units';
import type { BidPoint } from '../products/bid-draft';
import type { MarketProductRules } from '../products/market-product';
import { priceTickOf } from './bid-ticks';

/** A quantity the portfolio buys at or below `price` (buy side) or sells at or above it (sell side). */
export interface CurveStep {
  readonly price: Decimal;
  readonly quantityMw: Decimal;
}

/**
 * Turns price steps into exchange curve points (MARKETS.md section 3: 2..256 points, prices
 * strictly increasing, linear between points). Each step becomes two points one tick apart, so the
 * linear curve is a step function to within one tick. Buy side: the quantity at price p is
 * everything whose step price is >= p (demand falls as the price rises); sell side: everything
 * whose step price is <= p. The curve spans the product's whole price range.
 */
export function stepCurve(side: 'buy' | 'sell', steps: readonly CurveStep[], rules: MarketProductRules): BidPoint[] {
  if (rules.priceMin === null || rules.priceMax === null) throw new Error(`${rules.productCode} has no price limits; a curve needs both`);
  const tick = priceTickOf(rules);
  const min = rules.priceMin;
  const max = rules.priceMax;
  const live = steps.filter((s) => s.quantityMw.greaterThan(0));
  const quantityAt = (price: Decimal): Decimal =>
    live.reduce((sum, s) => ((side === 'buy' ? s.price.greaterThanOrEqualTo(price) : s.price.lessThanOrEqualTo(price)) ? sum.plus(s.quantityMw) : sum), new Decimal(0));
  const prices: Decimal[] = [min, max];
  for (const s of live) {
    // Buy: full quantity up to s.price, less from one tick above. Sell: nothing up to one tick below, full from s.price.
    const pair = side === 'buy' ? [s.price, s.price.plus(tick)] : [s.price.minus(tick), s.price];
    for (const p of pair) if (p.greaterThan(min) && p.lessThan(max)) prices.push(p);
  }
  const unique = [...new Map(prices.map((p) => [p.toFixed(), p])).values()].sort((a, b) => a.comparedTo(b));
  const points = unique.map((price) => ({ price, quantityMw: quantityAt(price) }));
  return dropCollinear(points);
}

/** A point between two of equal quantity adds nothing to a linear curve. */
function dropCollinear(points: BidPoint[]): BidPoint[] {
  return points.filter((point, i) => {
    if (i === 0 || i === points.length - 1) return true;
    return !(points[i - 1].quantityMw.equals(point.quantityMw) && points[i + 1].quantityMw.equals(point.quantityMw));
  });
}
