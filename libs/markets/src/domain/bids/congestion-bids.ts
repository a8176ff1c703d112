import { Decimal, type Isp } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';
import { buyPriceOnTick, quantityDownToStep, sellPriceOnTick } from './bid-ticks';
import type { BuiltBid } from './built-bid';

/**
 * Half the spread asked from the grid operator, EUR/MWh, on top of (sell) or below (buy) the
 * day-ahead price of the ISP. ASSUMED (GOPACS publishes no reference), named in every order.
 */
export const DEFAULT_CONGESTION_PREMIUM_EUR_PER_MWH = 20;

/** A DSO congestion request (GOPACS IDCONS, MARKETS.md section 4). */
export interface CongestionRequest {
  /** The DSO's request id: pairs are named after it. */
  readonly id: string;
  readonly congestionPointEan: string;
  /** Connection EANs inside the congestion area. */
  readonly areaEans: ReadonlySet<string>;
  readonly isps: readonly Isp[];
  /** What we do inside the area: `sell` = consume less (load congestion), `buy` = consume more (feed-in congestion). */
  readonly insideDirection: 'buy' | 'sell';
  readonly requestedMw: Decimal;
}

/** Firm flexibility of the sessions behind one connection, kW per request ISP. */
export interface ConnectionFlexibility {
  readonly ean: string;
  /** Consume less (or discharge). */
  readonly upKw: ArrayLike<number>;
  /** Consume more. */
  readonly downKw: ArrayLike<number>;
  readonly sessionIds: readonly string[];
}

export interface CongestionBidInput {
  readonly request: CongestionRequest;
  readonly connections: readonly ConnectionFlexibility[];
  readonly rules: MarketProductRules;
  /** Day-ahead price of the ISP, EUR/MWh (the reference both orders are priced from). */
  readonly priceEurPerMwh: (isp: Isp) => number;
  readonly premiumEurPerMwh?: number;
}

/**
 * IDCONS orders for a congestion request: per ISP, orders inside the area in the requested
 * direction from the connections located there (one order per connection EAN, the location GOPACS
 * needs), paired with the opposite orders outside the area for the same total, so the national
 * balance holds (GOPACS pairs them; the grid operator pays the spread). A connection offers its
 * firm headroom rounded down to the step, and only when that reaches the minimum order size on
 * its own (orders are per connection). The total is the least of the request, what the inside
 * can give and what the outside can take.
 */
export function buildCongestionBids(input: CongestionBidInput): BuiltBid[] {
  const { request, rules } = input;
  const premium = input.premiumEurPerMwh ?? DEFAULT_CONGESTION_PREMIUM_EUR_PER_MWH;
  const outsideDirection = request.insideDirection === 'sell' ? 'buy' : 'sell';
  const inside = input.connections.filter((c) => request.areaEans.has(c.ean));
  const outside = input.connections.filter((c) => !request.areaEans.has(c.ean));
  const bids: BuiltBid[] = [];
  request.isps.forEach((isp, k) => {
    const caps = (connections: readonly ConnectionFlexibility[], direction: 'buy' | 'sell') =>
      connections.map((c) => ({ ean: c.ean, sessions: c.sessionIds.length, mw: quantityDownToStep((direction === 'sell' ? c.upKw[k] : c.downKw[k]) / 1000, rules) }));
    const insideCaps = caps(inside, request.insideDirection);
    const outsideCaps = caps(outside, outsideDirection);
    let target = quantityDownToStep(request.requestedMw, rules);
    let insideOrders = allocate(insideCaps, target, rules);
    let outsideOrders = allocate(outsideCaps, total(insideOrders), rules);
    while (total(outsideOrders).lessThan(total(insideOrders))) {
      target = total(outsideOrders);
      insideOrders = allocate(insideCaps, target, rules);
      outsideOrders = allocate(outsideCaps, total(insideOrders), rules);
    }
    if (total(insideOrders).isZero()) return;
    const pairRef = `${request.id}.${isp.start.toISOString()}`;
    const price = input.priceEurPerMwh(isp);
    const order = (side: 'inside' | 'outside', direction: 'buy' | 'sell', ean: string, mw: Decimal): BuiltBid => ({
      draft: {
        market: rules.market,
        productCode: rules.productCode,
        direction,
        period: isp.range,
        locationEan: ean,
        points: [{ quantityMw: mw, price: direction === 'sell' ? sellPriceOnTick(new Decimal(price).plus(premium), rules) : buyPriceOnTick(new Decimal(price).minus(premium), rules) }],
      },
      variant: `${request.id}.${ean}`,
      pairRef,
      reservation: { product: 'congestion', direction: direction === 'sell' ? 'up' : 'down', isps: [{ ispStart: isp.start, kw: mw.times(1000) }] },
      basis: {
        side,
        congestionPointEan: request.congestionPointEan,
        requestId: request.id,
        requestedMw: request.requestedMw.toFixed(),
        dayAheadPriceEurPerMwh: price,
        premiumEurPerMwh: premium,
        premiumAssumed: true,
      },
    });
    for (const o of insideOrders) bids.push(order('inside', request.insideDirection, o.ean, o.mw));
    for (const o of outsideOrders) bids.push(order('outside', outsideDirection, o.ean, o.mw));
  });
  return bids;
}

interface Allocation {
  readonly ean: string;
  readonly mw: Decimal;
}

/** Largest connections first; a connection below the minimum order size is skipped. */
function allocate(caps: readonly { ean: string; mw: Decimal }[], target: Decimal, rules: MarketProductRules): Allocation[] {
  const minimum = rules.minQuantityMw ?? new Decimal(0);
  const orders: Allocation[] = [];
  let remaining = target;
  for (const cap of [...caps].sort((a, b) => b.mw.comparedTo(a.mw) || a.ean.localeCompare(b.ean))) {
    if (remaining.isZero()) break;
    const mw = Decimal.min(cap.mw, remaining);
    if (mw.isZero() || mw.lessThan(minimum)) continue;
    orders.push({ ean: cap.ean, mw });
    remaining = remaining.minus(mw);
  }
  return orders;
}

function total(orders: readonly Allocation[]): Decimal {
  return orders.reduce((sum, o) => sum.plus(o.mw), new Decimal(0));
}
