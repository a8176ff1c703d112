import type { EntityManager } from 'typeorm';
import type { MarketGate } from '../domain/calendar/market-gate';

/**
 * The seam between the market calendar and bid building (issue 5, item 3, a later task). The
 * calendar calls `prepare` once per gate, at the gate's prepare-at instant, while it holds the
 * gate's row lock inside a transaction (`manager`); the gate is marked prepared in the same
 * transaction when `prepare` returns. Throwing means "not prepared yet" (e.g. a counterparty is
 * down): everything written through `manager` is rolled back and the calendar retries with
 * backoff until the gate closes, then raises the missed-gate alert.
 *
 * Implementations write through `manager` only; calls to counterparties must carry a stable
 * request id derived from `gate.key`, because a retry after a crash may call again.
 */
export interface BidPreparer {
  /** Recorded with each preparation, e.g. `record-only`. */
  readonly name: string;
  prepare(gate: MarketGate, manager: EntityManager): Promise<void>;
}

export const BID_PREPARER = Symbol('BID_PREPARER');
