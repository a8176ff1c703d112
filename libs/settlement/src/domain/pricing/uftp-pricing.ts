import { Decimal, EnergyMwh, Isp, Money, PowerW, PriceEurPerMwh, TimeRange } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { SettlementBasis } from '../settlement-vocabulary';
import type { PricedLine } from './priced-line';

/** One ISP of a settled FlexOrder: ordered and delivered flex power in W (UFTP sign: + = consumption). */
export interface FlexOrderIsp {
  readonly isp: Isp;
  readonly orderedFlexPowerW: PowerW;
  readonly deliveredFlexPowerW: PowerW;
}

export interface FlexOrderDelivery {
  readonly orderReference: string;
  /** The FlexOrder `Price` (the whole order, EUR). */
  readonly price: Money;
  readonly isps: readonly FlexOrderIsp[];
  readonly basis: SettlementBasis;
  /** Labels of how the delivery was measured or split; they travel onto the lines. */
  readonly labels?: readonly string[];
}

/**
 * UFTP leaves the penalty to the DSO contract (MARKETS.md 5 names only Penalty and
 * NetSettlement), so it is configurable, ASSUMED on every line that uses it:
 * - `pro-rata` (default): Price x deficient energy / ordered energy;
 * - `per-mwh`: deficient MWh x a fixed price;
 * - `none`.
 */
export type FlexOrderPenaltyRule =
  | { readonly kind: 'pro-rata' }
  | { readonly kind: 'per-mwh'; readonly priceEurPerMwh: PriceEurPerMwh }
  | { readonly kind: 'none' };

export const DEFAULT_FLEX_ORDER_PENALTY_RULE: FlexOrderPenaltyRule = { kind: 'pro-rata' };
export const FLEX_ORDER_PENALTY_ASSUMPTION = 'ASSUMED: UFTP penalty rule (contractual; configurable)';

/** The FlexOrderSettlement amounts: NetSettlement = Price - Penalty (UFTP FlexOrderSettlementType). */
export interface FlexOrderSettlementAmounts {
  readonly price: Money;
  readonly penalty: Money;
  readonly netSettlement: Money;
  readonly orderedMwh: EnergyMwh;
  readonly deficientMwh: EnergyMwh;
}

/**
 * Deficiency per ISP: the ordered flex power not delivered in the ordered direction,
 * max(0, |ordered| - delivered x sign(ordered)); over-delivery earns nothing extra.
 */
export function settleFlexOrder(order: FlexOrderDelivery, rule: FlexOrderPenaltyRule = DEFAULT_FLEX_ORDER_PENALTY_RULE): FlexOrderSettlementAmounts {
  if (order.isps.length === 0) throw new SettlementError('SETTLEMENT_INPUT_INVALID', `FlexOrder ${order.orderReference} has no ISPs`);
  let orderedMwh = EnergyMwh.zero();
  let deficientMwh = EnergyMwh.zero();
  for (const entry of order.isps) {
    const ordered = entry.orderedFlexPowerW.abs();
    const inDirection = entry.orderedFlexPowerW.isNegative() ? entry.deliveredFlexPowerW.negate() : entry.deliveredFlexPowerW;
    const deficiency = ordered.subtract(inDirection);
    orderedMwh = orderedMwh.add(ordered.toMw().times(entry.isp));
    if (deficiency.isPositive()) deficientMwh = deficientMwh.add(deficiency.toMw().times(entry.isp));
  }
  const penalty = flexOrderPenalty(order.price, orderedMwh, deficientMwh, rule);
  return { price: order.price, penalty, netSettlement: order.price.subtract(penalty), orderedMwh, deficientMwh };
}

function flexOrderPenalty(price: Money, orderedMwh: EnergyMwh, deficientMwh: EnergyMwh, rule: FlexOrderPenaltyRule): Money {
  if (deficientMwh.isZero()) return Money.zero(price.currency);
  switch (rule.kind) {
    case 'none':
      return Money.zero(price.currency);
    case 'per-mwh':
      return deficientMwh.timesPrice(rule.priceEurPerMwh);
    case 'pro-rata':
      return price.multiply(Decimal.min(new Decimal(1), deficientMwh.value.dividedBy(orderedMwh.value)));
  }
}

/** Lines `uftp-price` (+Price) and, when deficient, `uftp-penalty` (-Penalty) over the order's ISPs. */
export function priceFlexOrders(orders: readonly FlexOrderDelivery[], rule: FlexOrderPenaltyRule = DEFAULT_FLEX_ORDER_PENALTY_RULE): PricedLine[] {
  return orders.flatMap((order) => {
    const settled = settleFlexOrder(order, rule);
    const starts = order.isps.map((entry) => entry.isp.start.getTime());
    const period = TimeRange.of(new Date(Math.min(...starts)), new Date(Math.max(...starts) + order.isps[0].isp.range.durationMs));
    const shared = { market: 'uftp' as const, period, basis: order.basis, unit: 'MWh' };
    const labels = [...(order.labels ?? [])];
    const lines: PricedLine[] = [{ ...shared, kind: 'uftp-price', amount: settled.price, quantity: settled.orderedMwh.value, assumptions: labels }];
    if (!settled.penalty.isZero()) {
      lines.push({
        ...shared,
        kind: 'uftp-penalty',
        amount: settled.penalty.negate(),
        quantity: settled.deficientMwh.value,
        assumptions: [...labels, FLEX_ORDER_PENALTY_ASSUMPTION],
      });
    }
    return lines;
  });
}
