import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalTransformer } from '../../../../persistence/src/decimal.transformer';
import { BidEntity } from './bid.entity';

/** One price-quantity point of a bid, in its product's units (MW; EUR/MWh or EUR/MW/h). */
@Entity({ name: 'bid_points' })
@Check('ck_bid_points_index', `point_index >= 0`)
export class BidPointEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_bid_points' })
  bidId!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_bid_points' })
  pointIndex!: number;

  @ManyToOne(() => BidEntity, (bid) => bid.points, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_bid_points_bid' })
  bid?: BidEntity;

  @Column({ type: 'numeric', precision: 14, scale: 3, transformer: decimalTransformer(3, 14) }) quantityMw!: Decimal;
  @Column({ type: 'numeric', precision: 19, scale: 4, transformer: decimalTransformer(4, 19) }) price!: Decimal;
}
