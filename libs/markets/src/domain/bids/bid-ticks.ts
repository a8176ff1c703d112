import { Decimal, RoundingMode } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';

/** Products without a stated price tick are priced in cents (an assumption, named in each bid's inputs). */
const DEFAULT_PRICE_TICK = new Decimal('0.01');

export function priceTickOf(rules: MarketProductRules): Decimal {
  return rules.priceTick ?? DEFAULT_PRICE_TICK;
}

/**
 * Quantities go down to the product's step: a bid never offers more than the portfolio has (the
 * remainder stays unsold rather than becoming an undeliverable award).
 */
export function quantityDownToStep(mw: Decimal | number, rules: MarketProductRules): Decimal {
  const value = Decimal.max(0, new Decimal(mw));
  const step = rules.quantityStepMw;
  if (step === null) return value.toDecimalPlaces(3, RoundingMode.TOWARD_ZERO);
  return value.dividedToIntegerBy(step).times(step);
}

/** A buyer's price goes down to the tick (never pay more than the value), then into the limits. */
export function buyPriceOnTick(eurPerUnit: Decimal | number, rules: MarketProductRules): Decimal {
  const tick = priceTickOf(rules);
  return clampPrice(new Decimal(eurPerUnit).dividedBy(tick).floor().times(tick), rules);
}

/** A seller's price goes up to the tick (never sell below cost), then into the limits. */
export function sellPriceOnTick(eurPerUnit: Decimal | number, rules: MarketProductRules): Decimal {
  const tick = priceTickOf(rules);
  return clampPrice(new Decimal(eurPerUnit).dividedBy(tick).ceil().times(tick), rules);
}

export function clampPrice(price: Decimal, rules: MarketProductRules): Decimal {
  let clamped = price;
  if (rules.priceMin !== null) clamped = Decimal.max(clamped, rules.priceMin);
  if (rules.priceMax !== null) clamped = Decimal.min(clamped, rules.priceMax);
  return clamped;
}
