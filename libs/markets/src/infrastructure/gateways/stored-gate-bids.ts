import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseDecimal, TimeRange } from '@vpp/units';
import type { GateBidsPort } from '../../application/gateways/gate-bids.port';
import { BidQueries } from '../../application/bids/bid.queries';
import { BidStatusUpdater } from '../../application/bids/bid-status-updater';
import type { MarketGate } from '../../domain/calendar/market-gate';
import type { GatewayBid } from '../../domain/gateways/gateway-order';
import { bidVariantOf } from './bid-variant';

/** The gateways' view of bid building's `bids`: read through BidQueries, moved on through BidStatusUpdater. */
@Injectable()
export class StoredGateBids implements GateBidsPort {
  constructor(
    private readonly queries: BidQueries,
    private readonly updater: BidStatusUpdater,
  ) {}

  async submittable(manager: EntityManager, gate: MarketGate): Promise<GatewayBid[]> {
    const bids = await this.queries.sendable({ gateKey: gate.key }, manager);
    return bids.map((bid) => ({
      bidId: bid.id,
      portfolioId: bid.portfolioId,
      market: bid.market,
      productCode: bid.productCode,
      direction: bid.direction,
      period: TimeRange.of(new Date(bid.periodStart), new Date(bid.periodEnd)),
      points: bid.points.map((point) => ({ quantityMw: parseDecimal(point.quantityMw), price: parseDecimal(point.price) })),
      locationEan: bid.locationEan,
      reservationId: bid.reservationId,
      variant: bidVariantOf(bid),
    }));
  }

  async markSubmitted(manager: EntityManager, orders: readonly { bidId: string; clientOrderId: string }[], at: Date): Promise<void> {
    for (const order of orders) await this.updater.update(order.bidId, { status: 'submitted', externalRef: order.clientOrderId }, at, manager);
  }

  async markAwarded(manager: EntityManager, bidIds: readonly string[], at: Date, note: string): Promise<void> {
    for (const bidId of bidIds) await this.updater.update(bidId, { status: 'awarded', note }, at, manager);
  }

  async markRejected(manager: EntityManager, bidIds: readonly string[], at: Date, reason: string): Promise<void> {
    for (const bidId of bidIds) await this.updater.update(bidId, { status: 'rejected', note: reason }, at, manager);
  }
}
