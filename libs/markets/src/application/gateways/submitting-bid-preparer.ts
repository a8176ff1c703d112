import type { EntityManager } from 'typeorm';
import type { MarketGate } from '../../domain/calendar/market-gate';
import type { BidPreparer } from '../bid-preparer';
import type { GateBidSubmitter } from './gate-bid-submitter';

/**
 * The calendar's `BidPreparer` as bound in MarketsModule: bid building prepares the gate's bids,
 * then the gateway submits them in the same gate job and transaction. A gate is "prepared" only
 * once its bids are at the counterparty, so a counterparty down until the gate goes through the
 * calendar's existing retry rounds and missed-gate alert (`counterparty-down-until-gate`).
 */
export class SubmittingBidPreparer implements BidPreparer {
  readonly name: string;

  constructor(
    private readonly builder: BidPreparer,
    private readonly submitter: GateBidSubmitter,
  ) {
    this.name = `${builder.name}+gateway`;
  }

  async prepare(gate: MarketGate, manager: EntityManager): Promise<void> {
    await this.builder.prepare(gate, manager);
    await this.submitter.submit(gate, manager);
  }
}

/** Bid building's own preparer, wrapped by `SubmittingBidPreparer`. */
export const BID_BUILDER = Symbol('BID_BUILDER');
