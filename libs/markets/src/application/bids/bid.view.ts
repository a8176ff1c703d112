import type { BidRefusal } from '../../domain/bids/bid-refusal';
import type { BidStatus } from '../../domain/bids/bid-status';
import type { BidDirection, Market } from '../../domain/products/market-product';

/** A stored bid as gateways and operators read it; quantities and prices as exact decimal strings. */
export interface BidView {
  readonly id: string;
  readonly bidKey: string;
  readonly portfolioId: string;
  readonly organisationId: string;
  readonly market: Market;
  readonly productCode: string;
  readonly productVersionId: string;
  readonly direction: BidDirection;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly deliveryDay: string;
  readonly gateKey: string | null;
  readonly locationEan: string | null;
  readonly pairRef: string | null;
  readonly status: BidStatus;
  readonly refusalReasons: readonly BidRefusal[];
  readonly reservationId: string | null;
  readonly knownAt: string;
  readonly builtFrom: Readonly<Record<string, unknown>>;
  readonly externalRef: string | null;
  /** Price ascending, as validated. */
  readonly points: readonly { readonly quantityMw: string; readonly price: string }[];
}
