import type { Decimal, TimeRange } from '@vpp/units';
import type { CounterpartyResult } from '../gateways/counterparty-result';
import type { GatewayBid } from '../gateways/gateway-order';
import type { BidDirection, Market, PriceUnit, PricingRule } from '../products/market-product';

/** An awarded position: what the portfolio must deliver (or take) in one period, at what price. */
export interface Award {
  readonly bidId: string;
  readonly clientOrderId: string;
  readonly portfolioId: string;
  readonly market: Market;
  readonly productCode: string;
  readonly direction: BidDirection;
  readonly period: TimeRange;
  readonly quantityMw: Decimal;
  readonly price: Decimal;
  readonly priceUnit: PriceUnit;
  readonly pricing: PricingRule;
  /** What the result rests on that is not observed market data (e.g. `FCR price assumed`). */
  readonly labels: readonly string[];
}

/** An order as recorded when it was sent (its curve points are the bid's, not needed to read results). */
export interface SubmittedOrder {
  readonly clientOrderId: string;
  readonly bid: Omit<GatewayBid, 'points' | 'period' | 'locationEan'>;
}

/** The outcome of a gate's clearing, per submitted bid. */
export interface GateOutcome {
  readonly awards: readonly Award[];
  readonly awardedBidIds: readonly string[];
  /** Bids with no positive award: their reservations go back to the ledger. */
  readonly notAwardedBidIds: readonly string[];
  /** Results naming an order we did not send (reported, never stored). */
  readonly unknownClientOrderIds: readonly string[];
}

/**
 * Matches a counterparty's results to the orders sent: positive quantities become awards, a bid
 * with none is not awarded (a bid absent from the results is not awarded either: the
 * counterparty cleared without it).
 */
export function gateOutcome(orders: readonly SubmittedOrder[], results: readonly CounterpartyResult[]): GateOutcome {
  const byClientId = new Map(orders.map((order) => [order.clientOrderId, order]));
  const awards: Award[] = [];
  const unknown = new Set<string>();
  for (const result of results) {
    const order = byClientId.get(result.clientOrderId);
    if (order === undefined) {
      unknown.add(result.clientOrderId);
      continue;
    }
    if (!result.quantityMw.greaterThan(0)) continue;
    const { bid } = order;
    awards.push({
      bidId: bid.bidId,
      clientOrderId: order.clientOrderId,
      portfolioId: bid.portfolioId,
      market: bid.market,
      productCode: bid.productCode,
      direction: bid.direction,
      period: result.period,
      quantityMw: result.quantityMw,
      price: result.price,
      priceUnit: result.priceUnit,
      pricing: result.pricing,
      labels: result.labels,
    });
  }
  const awarded = new Set(awards.map((award) => award.bidId));
  return {
    awards,
    awardedBidIds: [...awarded],
    notAwardedBidIds: orders.map((order) => order.bid.bidId).filter((bidId) => !awarded.has(bidId)),
    unknownClientOrderIds: [...unknown],
  };
}
