import type { EntityManager } from 'typeorm';
import type { MarketGate } from '../../domain/calendar/market-gate';
import type { GatewayBid } from '../../domain/gateways/gateway-order';

/**
 * The bids the gateways send, as bid building stores them (table `bids`): the gate's bids that
 * are ready to send, moved on through submitted -> awarded / rejected. A rejected bid's ledger
 * reservation is released with the status change, exactly once. Every call runs in the caller's
 * transaction. Bound to `StoredGateBids` (bid building's BidQueries and BidStatusUpdater).
 */
export interface GateBidsPort {
  /** The gate's bids that passed validation (and hold their reservation), not yet submitted. */
  submittable(manager: EntityManager, gate: MarketGate): Promise<GatewayBid[]>;
  markSubmitted(manager: EntityManager, orders: readonly { readonly bidId: string; readonly clientOrderId: string }[], at: Date): Promise<void>;
  markAwarded(manager: EntityManager, bidIds: readonly string[], at: Date, note: string): Promise<void>;
  markRejected(manager: EntityManager, bidIds: readonly string[], at: Date, reason: string): Promise<void>;
}

export const GATE_BIDS = Symbol('GATE_BIDS');
