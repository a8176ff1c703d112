import { createHash } from 'node:crypto';
import type { Decimal, TimeRange } from '@vpp/units';
import type { BidPoint } from '../products/bid-draft';
import type { BidDirection, Market } from '../products/market-product';

/** Who receives a market's bids: the TSO's balancing platform, the power exchange, or GOPACS. */
export const COUNTERPARTY_KINDS = ['tso', 'exchange', 'trading-platform'] as const;
export type CounterpartyKind = (typeof COUNTERPARTY_KINDS)[number];

const COUNTERPARTY_OF: Readonly<Record<Market, CounterpartyKind>> = {
  fcr: 'tso',
  afrr: 'tso',
  'day-ahead': 'exchange',
  idcons: 'trading-platform',
};

export function counterpartyOf(market: Market): CounterpartyKind {
  return COUNTERPARTY_OF[market];
}

/** A stored bid as the gateways send it (one delivery period, points in the product's units). */
export interface GatewayBid {
  readonly bidId: string;
  readonly portfolioId: string;
  readonly market: Market;
  readonly productCode: string;
  readonly direction: BidDirection;
  readonly period: TimeRange;
  readonly points: readonly BidPoint[];
  readonly locationEan: string | null;
  /** The ledger reservation that holds the bid's capacity; released when the bid is not awarded. */
  readonly reservationId: string | null;
  /**
   * What tells bids of one product, period and direction apart (an aFRR energy ladder step, an
   * IDCONS pair per event and EAN); '' or absent when the bid is the only one.
   */
  readonly variant?: string;
}

/** One order on the wire: the bid plus the id the counterparty deduplicates on. */
export interface GatewayOrder {
  readonly clientOrderId: string;
  readonly bid: GatewayBid;
}

/**
 * The counterparty's deduplication key: derived from the gate and what is offered (portfolio,
 * product, direction, period, location and the bid's variant), never from a random id, so a bid
 * rebuilt after a crash between "sent" and "recorded" is sent under the same id and replaces, not
 * doubles, the first order, while several bids of one period and direction (ladder steps, pairs
 * per EAN) keep ids of their own. Without a variant the id is what it was before variants counted.
 */
export function clientOrderIdFor(gateKey: string, bid: Pick<GatewayBid, 'portfolioId' | 'productCode' | 'direction' | 'period' | 'locationEan' | 'variant'>): string {
  const parts = [gateKey, bid.portfolioId, bid.productCode, bid.direction, bid.period.start.toISOString(), bid.period.end.toISOString(), bid.locationEan ?? ''];
  if (bid.variant) parts.push(bid.variant);
  const digest = createHash('sha256')
    .update(parts.join('|'))
    .digest('hex')
    .slice(0, 32);
  return `vpp-${digest}`;
}

/** The best (highest) quantity of a bid, e.g. the capacity offered by a one-point capacity bid. */
export function offeredQuantityMw(bid: GatewayBid): Decimal | undefined {
  return bid.points.reduce<Decimal | undefined>((max, point) => (max === undefined || point.quantityMw.greaterThan(max) ? point.quantityMw : max), undefined);
}
