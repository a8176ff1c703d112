import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketGateEntity } from './market-gate.entity';

/** A bid preparation that ran for a gate (written by the `BidPreparer`; see record-only-bid-preparer.ts). */
@Entity({ name: 'bid_preparations' })
@Index('ix_bid_preparations_gate_key', ['gateKey'])
export class BidPreparationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_bid_preparations' })
  id!: string;

  @Column({ type: 'text' }) gateKey!: string;

  @ManyToOne(() => MarketGateEntity)
  @JoinColumn({ name: 'gate_key', foreignKeyConstraintName: 'fk_bid_preparations_gate' })
  gate?: MarketGateEntity;

  @Column({ type: 'text' }) preparer!: string;
  @Column({ type: 'timestamptz' }) preparedAt!: Date;
  @Column({ type: 'text' }) note!: string;
}
