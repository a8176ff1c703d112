/**
 * Where a bid is. Bid building writes `validated` (passed every product rule, nothing to hold in
 * the ledger), `reserved` (passed and its capacity is held) or `refused` (broke a rule or could not
 * be reserved: never sent). Gateways take `validated`/`reserved` bids, mark them `submitted`, and
 * the counterparty's answer makes them `awarded` or `rejected`.
 */
export const BID_STATUSES = ['validated', 'reserved', 'refused', 'submitted', 'awarded', 'rejected'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/** Statuses a gateway may send. */
export const SENDABLE_BID_STATUSES: readonly BidStatus[] = ['validated', 'reserved'];

const NEXT: Readonly<Record<BidStatus, readonly BidStatus[]>> = {
  validated: ['submitted', 'rejected'],
  reserved: ['submitted', 'rejected'],
  refused: [],
  submitted: ['awarded', 'rejected'],
  awarded: [],
  rejected: [],
};

/** True when a bid in `from` may move to `to` (a repeat of the same status is not a move). */
export function canMoveBid(from: BidStatus, to: BidStatus): boolean {
  return NEXT[from].includes(to);
}
