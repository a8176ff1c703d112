import type { BidRuleCode } from '../products/bid-rule-violation';

/**
 * Why a bid was not sent: a broken product rule (validateBid's codes) or the ledger refusing to
 * hold its capacity. Stored with the bid and in the audit log; codes never change.
 */
export type BidRefusalCode = BidRuleCode | 'CAPACITY_ALREADY_RESERVED' | 'PREQUALIFICATION_EXCEEDED';

export interface BidRefusal {
  readonly code: BidRefusalCode;
  readonly message: string;
  readonly pointIndex?: number;
}
