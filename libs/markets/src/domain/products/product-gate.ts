import { DeliveryDay, MARKET_TIME_ZONE, gateClosureInstant, isBeforeStartRule, validateGateClosureRule } from '@vpp/units';
import type { GateClosureRule, GateClosureTarget } from '@vpp/units';
import type { GateClosureZone, MarketProductRules } from './market-product';

/**
 * The instant a product's gate closes for `target` (a delivery day for daily auctions, the period
 * for per-period products). Market-local rules use @vpp/units; a UTC zone (the configured answer
 * to FCR's unnamed "8 Uhr") reads the wall-clock time in UTC on the same relative day.
 * Null for event-driven products.
 */
export function productGateClosure(rules: MarketProductRules, target: GateClosureTarget): Date | null {
  return rules.gateClosure === null ? null : ruleInstant(rules.gateClosure, rules.gateClosureZone, target);
}

/** When the order book opens for `target`, or null when the product states no opening. */
export function productGateOpening(rules: MarketProductRules, target: GateClosureTarget): Date | null {
  return rules.gateOpens === null ? null : ruleInstant(rules.gateOpens, rules.gateClosureZone, target);
}

function ruleInstant(rule: GateClosureRule, zone: GateClosureZone, target: GateClosureTarget): Date {
  if (zone === MARKET_TIME_ZONE || isBeforeStartRule(rule)) return gateClosureInstant(rule, target);
  const valid = validateGateClosureRule(rule);
  const day = DeliveryDay.containing(target.start).plusDays(valid.dayOffset).isoDate;
  return new Date(`${day}T${valid.localTime}:00.000Z`);
}
