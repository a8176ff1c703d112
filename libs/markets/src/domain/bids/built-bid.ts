import type { Decimal } from '@vpp/units';
import type { BidDraft } from '../products/bid-draft';

/** The ledger products (libs/flexibility `ReservationProduct`), restated: domain code names shapes, not libraries. */
export type BidLedgerProduct = 'fcr' | 'afrr_up' | 'afrr_down' | 'day_ahead' | 'congestion';

/** What the ledger must hold for a bid to be sent: kW per ISP, in the product's direction. */
export interface BidReservation {
  readonly product: BidLedgerProduct;
  /** Day-ahead and congestion name theirs; FCR and aFRR imply it. */
  readonly direction?: 'up' | 'down';
  readonly isps: readonly { readonly ispStart: Date; readonly kw: Decimal }[];
}

/** A bid as a builder made it, before validation, reservation and storage. */
export interface BuiltBid {
  readonly draft: BidDraft;
  /**
   * Tells bids of the same product, period and direction apart (a ladder step, a connection EAN);
   * '' when there is one. Part of the bid's idempotency key.
   */
  readonly variant: string;
  /** Null when the bid holds nothing new (e.g. energy bids of capacity already reserved). */
  readonly reservation: BidReservation | null;
  /** IDCONS: the inside and outside orders of one congestion answer. */
  readonly pairRef?: string;
  /** The numbers this bid was computed from (before rounding), stored with it. */
  readonly basis: Readonly<Record<string, string | number | boolean>>;
}
