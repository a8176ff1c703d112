import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { SENDABLE_BID_STATUSES, type BidStatus } from '../../domain/bids/bid-status';
import { BidEntity } from '../../infrastructure/bids/bid.entity';
import { BidPointEntity } from '../../infrastructure/bids/bid-point.entity';
import type { BidView } from './bid.view';

export interface BidFilter {
  readonly productCode?: string;
  readonly deliveryDay?: string;
  readonly portfolioId?: string;
  readonly gateKey?: string;
  readonly pairRef?: string;
  readonly statuses?: readonly BidStatus[];
}

/** Reads stored bids: gateways take the sendable ones of a gate or day (`validated`, `reserved`). */
@Injectable()
export class BidQueries {
  constructor(private readonly dataSource: DataSource) {}

  sendable(filter: Omit<BidFilter, 'statuses'>, manager?: EntityManager): Promise<BidView[]> {
    return this.find({ ...filter, statuses: SENDABLE_BID_STATUSES }, manager);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<BidView | undefined> {
    const bid = await manager.findOne(BidEntity, { where: { id } });
    if (!bid) return undefined;
    return (await this.withPoints(manager, [bid]))[0];
  }

  async find(filter: BidFilter, manager: EntityManager = this.dataSource.manager): Promise<BidView[]> {
    const bids = await manager.find(BidEntity, {
      where: {
        ...(filter.productCode !== undefined && { productCode: filter.productCode }),
        ...(filter.deliveryDay !== undefined && { deliveryDay: filter.deliveryDay }),
        ...(filter.portfolioId !== undefined && { portfolioId: filter.portfolioId }),
        ...(filter.gateKey !== undefined && { gateKey: filter.gateKey }),
        ...(filter.pairRef !== undefined && { pairRef: filter.pairRef }),
        ...(filter.statuses !== undefined && { status: In([...filter.statuses]) }),
      },
      order: { periodStart: 'ASC', bidKey: 'ASC' },
    });
    return this.withPoints(manager, bids);
  }

  private async withPoints(manager: EntityManager, bids: BidEntity[]): Promise<BidView[]> {
    if (bids.length === 0) return [];
    const points = await manager.find(BidPointEntity, { where: { bidId: In(bids.map((b) => b.id)) }, order: { bidId: 'ASC', pointIndex: 'ASC' } });
    const byBid = new Map<string, BidPointEntity[]>();
    for (const point of points) byBid.set(point.bidId, [...(byBid.get(point.bidId) ?? []), point]);
    return bids.map((bid) => ({
      id: bid.id,
      bidKey: bid.bidKey,
      portfolioId: bid.portfolioId,
      organisationId: bid.organisationId,
      market: bid.market,
      productCode: bid.productCode,
      productVersionId: bid.productVersionId,
      direction: bid.direction,
      periodStart: bid.periodStart.toISOString(),
      periodEnd: bid.periodEnd.toISOString(),
      deliveryDay: bid.deliveryDay,
      gateKey: bid.gateKey,
      locationEan: bid.locationEan,
      pairRef: bid.pairRef,
      status: bid.status,
      refusalReasons: bid.refusalReasons,
      reservationId: bid.reservationId,
      knownAt: bid.knownAt.toISOString(),
      builtFrom: bid.builtFrom,
      externalRef: bid.externalRef,
      points: (byBid.get(bid.id) ?? []).map((p) => ({ quantityMw: p.quantityMw.toFixed(), price: p.price.toFixed() })),
    }));
  }
}
