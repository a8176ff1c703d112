import { Decimal, Isp, PriceEurPerMwh, TimeRange } from '@vpp/units';

/** One curve order as the simulated exchange holds it. */
export interface CurveOrder {
  readonly clientOrderId: string;
  readonly side: 'buy' | 'sell';
  readonly period: TimeRange;
  /** Price EUR/MWh and quantity MW, as submitted (step-wise: no interpolation between points). */
  readonly points: readonly { readonly price: Decimal; readonly quantityMw: Decimal }[];
}

export interface CurveClearing {
  readonly period: TimeRange;
  /** null when the historical series has no price for the period (nothing clears). */
  readonly clearingPrice: Decimal | null;
  readonly quantityMw: Decimal;
}

const ZERO = new Decimal(0);

/**
 * The quantity a step-wise curve takes at `clearingPrice`: a buy point clears when its price is
 * at or above the clearing price, a sell point when at or below; the order gets the largest
 * quantity among its points that clear (for a well-formed curve, the step the price falls on).
 */
export function curveQuantityAt(side: 'buy' | 'sell', points: CurveOrder['points'], clearingPrice: Decimal): Decimal {
  return points
    .filter((point) => (side === 'buy' ? point.price.greaterThanOrEqualTo(clearingPrice) : point.price.lessThanOrEqualTo(clearingPrice)))
    .reduce((max, point) => (point.quantityMw.greaterThan(max) ? point.quantityMw : max), ZERO);
}

/**
 * Clears one order against the historical price per ISP of its period (an hourly price holds for
 * each quarter of its hour: the hourly MTU before 2025-10-01), then merges consecutive ISPs with
 * the same price into one period, so an hourly order against hourly prices gives one result.
 */
export function clearCurveOrder(order: CurveOrder, priceFor: (isp: Isp) => PriceEurPerMwh | undefined): CurveClearing[] {
  const clearings: CurveClearing[] = [];
  for (let isp = Isp.startingAt(order.period.start); isp.start < order.period.end; isp = isp.next()) {
    const price = priceFor(isp)?.value ?? null;
    const quantityMw = price === null ? ZERO : curveQuantityAt(order.side, order.points, price);
    const last = clearings[clearings.length - 1];
    if (last && samePrice(last.clearingPrice, price) && last.quantityMw.equals(quantityMw)) {
      clearings[clearings.length - 1] = { ...last, period: TimeRange.of(last.period.start, isp.end) };
    } else {
      clearings.push({ period: isp.range, clearingPrice: price, quantityMw });
    }
  }
  return clearings;
}

function samePrice(a: Decimal | null, b: Decimal | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
