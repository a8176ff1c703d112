import { Block, DeliveryDay } from '@vpp/units';
import type { Decimal, GateClosureTarget } from '@vpp/units';
import type { BidDraft, BidPoint } from './bid-draft';
import type { BidRuleViolation } from './bid-rule-violation';
import type { MarketProductRules } from './market-product';
import { productGateClosure, productGateOpening } from './product-gate';

const MS_PER_MINUTE = 60_000;

/**
 * Checks a bid against the product rules valid for its period and returns every broken rule (an
 * empty list means the bid may be sent). `now` is when the bid would reach the market: at or after
 * the gate it is late.
 */
export function validateBid(bid: BidDraft, rules: MarketProductRules, now: Date): BidRuleViolation[] {
  return [
    ...productViolations(bid, rules),
    ...periodViolations(bid, rules),
    ...gateViolations(bid, rules, now),
    ...curveViolations(bid, rules),
    ...bid.points.flatMap((point, index) => pointViolations(point, index, rules)),
    ...locationViolations(bid, rules),
  ];
}

function productViolations(bid: BidDraft, rules: MarketProductRules): BidRuleViolation[] {
  const violations: BidRuleViolation[] = [];
  if (bid.market !== rules.market || bid.productCode !== rules.productCode) {
    violations.push({ code: 'PRODUCT_MISMATCH', message: `bid for ${bid.market}/${bid.productCode} checked against ${rules.market}/${rules.productCode}` });
  }
  if (!rules.directions.includes(bid.direction)) {
    violations.push({ code: 'DIRECTION_NOT_OFFERED', message: `${rules.productCode} takes ${rules.directions.join('/')} bids, not ${bid.direction}` });
  }
  return violations;
}

/** Block products take one 4-hour block (3 or 5 h for block 0 on DST days); MTU products one MTU. */
function periodViolations(bid: BidDraft, rules: MarketProductRules): BidRuleViolation[] {
  const { start, end } = bid.period;
  if (rules.deliveryPeriod === 'block') {
    const block = Block.containing(start);
    if (block.start.getTime() === start.getTime() && block.end.getTime() === end.getTime()) return [];
    return [{ code: 'PERIOD_NOT_ALIGNED', message: `${bid.period.toString()} is not one capacity block (00-04, 04-08, ... local)` }];
  }
  const mtuMs = (rules.mtuMinutes ?? 15) * MS_PER_MINUTE;
  // Amsterdam's offset is a whole number of hours, so UTC alignment is local alignment too.
  if (start.getTime() % mtuMs === 0 && end.getTime() - start.getTime() === mtuMs) return [];
  return [{ code: 'PERIOD_NOT_ALIGNED', message: `${bid.period.toString()} is not one ${rules.mtuMinutes}-minute MTU` }];
}

function gateViolations(bid: BidDraft, rules: MarketProductRules, now: Date): BidRuleViolation[] {
  const target: GateClosureTarget = rules.gateKind === 'daily' ? DeliveryDay.containing(bid.period.start) : bid.period;
  const closure = productGateClosure(rules, target);
  if (closure !== null && now.getTime() >= closure.getTime()) {
    return [{ code: 'GATE_CLOSED', message: `gate closed at ${closure.toISOString()}; bid at ${now.toISOString()}` }];
  }
  const opening = productGateOpening(rules, target);
  if (opening !== null && now.getTime() < opening.getTime()) {
    return [{ code: 'GATE_NOT_OPEN', message: `order book opens at ${opening.toISOString()}; bid at ${now.toISOString()}` }];
  }
  return [];
}

function curveViolations(bid: BidDraft, rules: MarketProductRules): BidRuleViolation[] {
  const { min, max } = rules.curvePoints;
  const count = bid.points.length;
  const violations: BidRuleViolation[] = [];
  if (count < min) violations.push({ code: 'TOO_FEW_CURVE_POINTS', message: `${count} price-quantity points; ${rules.productCode} needs at least ${min}` });
  if (count > max) violations.push({ code: 'TOO_MANY_CURVE_POINTS', message: `${count} price-quantity points; ${rules.productCode} takes at most ${max}` });
  const unsorted = bid.points.findIndex((point, i) => i > 0 && !point.price.greaterThan(bid.points[i - 1].price));
  if (unsorted > 0) {
    violations.push({ code: 'CURVE_PRICES_NOT_INCREASING', message: `point ${unsorted} price is not above point ${unsorted - 1}`, pointIndex: unsorted });
  }
  return violations;
}

function pointViolations(point: BidPoint, pointIndex: number, rules: MarketProductRules): BidRuleViolation[] {
  const violations: BidRuleViolation[] = [];
  const add = (code: BidRuleViolation['code'], message: string): void => {
    violations.push({ code, message: `point ${pointIndex}: ${message}`, pointIndex });
  };
  const { quantityMw, price } = point;
  if (quantityMw.isNegative() && !quantityMw.isZero()) add('QUANTITY_NEGATIVE', `${quantityMw.toFixed()} MW; the direction carries the sign`);
  if (rules.minQuantityMw !== null && quantityMw.lessThan(rules.minQuantityMw)) {
    add('QUANTITY_BELOW_MINIMUM', `${quantityMw.toFixed()} MW is below the minimum ${rules.minQuantityMw.toFixed()} MW`);
  }
  if (rules.quantityStepMw !== null && !isMultipleOf(quantityMw, rules.quantityStepMw)) {
    add('QUANTITY_OFF_STEP', `${quantityMw.toFixed()} MW is not a multiple of ${rules.quantityStepMw.toFixed()} MW`);
  }
  if (rules.priceTick !== null && !isMultipleOf(price, rules.priceTick)) {
    add('PRICE_OFF_TICK', `${price.toFixed()} ${rules.priceUnit} is not a multiple of ${rules.priceTick.toFixed()}`);
  }
  if (rules.priceMin !== null && price.lessThan(rules.priceMin)) {
    add('PRICE_BELOW_LIMIT', `${price.toFixed()} ${rules.priceUnit} is below the limit ${rules.priceMin.toFixed()}`);
  }
  if (rules.priceMax !== null && price.greaterThan(rules.priceMax)) {
    add('PRICE_ABOVE_LIMIT', `${price.toFixed()} ${rules.priceUnit} is above the limit ${rules.priceMax.toFixed()}`);
  }
  return violations;
}

function locationViolations(bid: BidDraft, rules: MarketProductRules): BidRuleViolation[] {
  if (!rules.requiresLocation || (bid.locationEan !== undefined && /^\d{18}$/.test(bid.locationEan))) return [];
  return [{ code: 'LOCATION_MISSING', message: `${rules.productCode} orders carry the 18-digit connection EAN of where the flexibility sits` }];
}

function isMultipleOf(value: Decimal, step: Decimal): boolean {
  return value.modulo(step).isZero();
}
