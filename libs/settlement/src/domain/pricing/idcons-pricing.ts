import { Decimal, EnergyMwh, Isp, Money, PriceEurPerMwh } from '@vpp/units';
import type { SettlementBasis } from '../settlement-vocabulary';
import type { PricedLine } from './priced-line';

/**
 * Penalty for IDCONS volume ordered but not delivered. GOPACS publishes no such rule
 * (MARKETS.md 4: the trade is a firm intraday trade; non-delivery shows up as imbalance), so it
 * is configurable and every line priced with it says UNVERIFIED:
 * - `none`: no penalty beyond the imbalance the BRP sees;
 * - `per-mwh`: shortfall MWh x a fixed price;
 * - `order-price-multiple`: shortfall MWh x |our order price| x factor (default, factor 1).
 */
export type IdconsPenaltyRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'per-mwh'; readonly priceEurPerMwh: PriceEurPerMwh }
  | { readonly kind: 'order-price-multiple'; readonly factor: Decimal };

export const DEFAULT_IDCONS_PENALTY_RULE: IdconsPenaltyRule = { kind: 'order-price-multiple', factor: new Decimal(1) };
export const IDCONS_PENALTY_ASSUMPTION = 'UNVERIFIED: IDCONS non-delivery penalty rule (configurable; MARKETS.md 4)';

/** One matched IDCONS order of ours in one ISP, paired by GOPACS with a counter order outside the area. */
export interface IdconsOrderIsp {
  readonly isp: Isp;
  /** `sell` = consume less / inject more inside the congestion area; `buy` = consume more. */
  readonly side: 'buy' | 'sell';
  readonly orderedMwh: EnergyMwh;
  readonly deliveredMwh: EnergyMwh;
  readonly orderPriceEurPerMwh: PriceEurPerMwh;
  /** Price of the paired order outside the area; the grid operator pays the spread between the two. */
  readonly counterOrderPriceEurPerMwh: PriceEurPerMwh;
  readonly basis: SettlementBasis;
  /** Labels of the award and of the delivery measurement; they travel onto the lines. */
  readonly labels?: readonly string[];
}

/**
 * IDCONS (MARKETS.md 4): the CSP trades its own order price on the platform; of that, the paired
 * counterparty pays its order price and the grid operator pays the spread. With s = +1 for a sell
 * and -1 for a buy: `idcons-counterparty` = s x counter price x ordered MWh,
 * `idcons-spread` = s x (our price - counter price) x ordered MWh (the grid operator's payment),
 * so the two sum to s x our price x MWh; `idcons-penalty` = -(penalty rule) on
 * max(0, ordered - delivered) MWh.
 */
export function priceIdcons(orders: readonly IdconsOrderIsp[], rule: IdconsPenaltyRule = DEFAULT_IDCONS_PENALTY_RULE): PricedLine[] {
  return orders.flatMap((order) => {
    const sign = order.side === 'sell' ? 1 : -1;
    const labels = [...(order.labels ?? [])];
    const shared = { market: 'idcons' as const, period: order.isp.range, basis: order.basis, unit: 'MWh' };
    const volume = order.orderedMwh;
    const spreadPrice = order.orderPriceEurPerMwh.subtract(order.counterOrderPriceEurPerMwh);
    const lines: PricedLine[] = [
      { ...shared, kind: 'idcons-counterparty', amount: volume.timesPrice(order.counterOrderPriceEurPerMwh).multiply(sign), quantity: volume.value, assumptions: labels },
      { ...shared, kind: 'idcons-spread', amount: volume.timesPrice(spreadPrice).multiply(sign), quantity: volume.value, assumptions: labels },
    ];
    const shortfall = order.orderedMwh.subtract(order.deliveredMwh);
    const penalty = shortfall.isPositive() ? idconsPenalty(shortfall, order, rule) : Money.zero('EUR');
    if (!penalty.isZero()) {
      lines.push({ ...shared, kind: 'idcons-penalty', amount: penalty.negate(), quantity: shortfall.value, assumptions: [...labels, IDCONS_PENALTY_ASSUMPTION] });
    }
    return lines;
  });
}

function idconsPenalty(shortfall: EnergyMwh, order: IdconsOrderIsp, rule: IdconsPenaltyRule): Money {
  switch (rule.kind) {
    case 'none':
      return Money.zero('EUR');
    case 'per-mwh':
      return shortfall.timesPrice(rule.priceEurPerMwh);
    case 'order-price-multiple':
      return shortfall.timesPrice(order.orderPriceEurPerMwh.abs()).multiply(rule.factor);
  }
}
