import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BidPreparer } from '../../application/bid-preparer';
import { MARKETS_CLOCK, MarketsClock } from '../../application/markets-clock';
import type { MarketGate } from '../../domain/calendar/market-gate';

/**
 * The shipped `BidPreparer` until bid building exists (issue 5, item 3): it builds and sends no
 * bids, it only records that the gate's preparation ran (`bid_preparations`), so the calendar can
 * be run and tested end to end. Replace it by binding `BID_PREPARER` to the real bid builder.
 */
@Injectable()
export class RecordOnlyBidPreparer implements BidPreparer {
  readonly name = 'record-only';

  constructor(@Inject(MARKETS_CLOCK) private readonly clock: MarketsClock) {}

  async prepare(gate: MarketGate, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO bid_preparations (id, gate_key, preparer, prepared_at, note) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      gate.key,
      this.name,
      this.clock.now(),
      'gate prepared by the calendar; no bids built (bid building is a later task)',
    ]);
  }
}
