import type { LedgerDirection, ReservationProduct } from '../../domain/portfolio/portfolio-products';
import type { ReservationStatus } from '../../infrastructure/ledger/reservation.entity';

/** A reservation as callers see it; kW as exact decimal strings. */
export interface ReservationView {
  readonly id: string;
  readonly portfolioId: string;
  readonly product: ReservationProduct;
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly status: ReservationStatus;
  readonly reservedAt: string;
  readonly releasedAt: string | null;
  readonly releaseReason: string | null;
  readonly lines: readonly { readonly ispStart: string; readonly direction: LedgerDirection; readonly kw: string }[];
}

export interface ReservationOutcome {
  readonly reservation: ReservationView;
  /** True when the idempotency key had been used before and nothing new was held. */
  readonly replayed: boolean;
}
