import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketProductEntity } from '../products/market-product.entity';

export type MarketGateStatus = 'scheduled' | 'prepared' | 'missed';

/** One gate of the market calendar and how it went; the row is the gate's state, the job only its trigger. */
@Entity({ name: 'market_gates' })
@Index('ix_market_gates_delivery_day', ['deliveryDay'])
@Check('ck_market_gates_status', `status IN ('scheduled', 'prepared', 'missed')`)
export class MarketGateEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_market_gates' })
  gateKey!: string;

  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'uuid' }) productVersionId!: string;

  @ManyToOne(() => MarketProductEntity)
  @JoinColumn({ name: 'product_version_id', foreignKeyConstraintName: 'fk_market_gates_product' })
  productVersion?: MarketProductEntity;

  @Column({ type: 'date' }) deliveryDay!: string;
  @Column({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'timestamptz' }) gateClosureAt!: Date;
  @Column({ type: 'timestamptz' }) prepareAt!: Date;
  @Column({ type: 'text' }) status!: MarketGateStatus;
  /** Bid preparations started (each delivery and retry that found the gate open). */
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz' }) plannedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) preparedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) missedAt!: Date | null;
}
