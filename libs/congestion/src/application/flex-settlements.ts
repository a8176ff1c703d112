import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveredFlex, netSettlement } from '../domain/flex-settlement';
import { UftpFlexOfferEntity } from '../infrastructure/uftp-flex-offer.entity';
import { UftpFlexOrderEntity } from '../infrastructure/uftp-flex-order.entity';
import { UftpFlexSettlementEntity } from '../infrastructure/uftp-flex-settlement.entity';

/**
 * FlexOrderSettlement lines. `record` is the seam for issue 7: it computes delivered flex and the
 * penalty from meter data and the baseline, then calls this; we add Price and NetSettlement and
 * store the line once per order.
 */
@Injectable()
export class FlexSettlements {
  constructor(private readonly dataSource: DataSource) {}

  async record(flexOrderId: string, delivered: DeliveredFlex): Promise<UftpFlexSettlementEntity> {
    const order = await this.dataSource.getRepository(UftpFlexOrderEntity).findOneByOrFail({ id: flexOrderId });
    const offer = await this.dataSource.getRepository(UftpFlexOfferEntity).findOneByOrFail({ id: order.flexOfferId });
    const row = this.dataSource.getRepository(UftpFlexSettlementEntity).create({
      id: randomUUID(),
      flexOrderId,
      period: offer.period,
      price: order.price,
      penalty: delivered.penalty,
      netSettlement: netSettlement(order.price, delivered.penalty),
      currency: order.currency,
      isps: [...delivered.isps],
      knownAt: delivered.knownAt,
      createdAt: new Date(),
    });
    return this.dataSource.getRepository(UftpFlexSettlementEntity).save(row);
  }

  forOrder(flexOrderId: string): Promise<UftpFlexSettlementEntity | null> {
    return this.dataSource.getRepository(UftpFlexSettlementEntity).findOneBy({ flexOrderId });
  }
}
