import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, Unique } from 'typeorm';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';
import type { BidDirection, Market } from '../../domain/products/market-product';
import type { BidRefusal } from '../../domain/bids/bid-refusal';
import type { BidStatus } from '../../domain/bids/bid-status';
import { BidPointEntity } from './bid-point.entity';

/** One bid as built, checked and (maybe) reserved; see migration 1764300500000. */
@Entity({ name: 'bids' })
@Unique('uq_bids_bid_key', ['bidKey'])
@Index('ix_bids_product_day_status', ['productCode', 'deliveryDay', 'status'])
@Index('ix_bids_portfolio_period', ['portfolioId', 'periodStart'])
@Check('ck_bids_status', `status IN ('validated', 'reserved', 'refused', 'submitted', 'awarded', 'rejected')`)
@Check('ck_bids_direction', `direction IN ('symmetric', 'up', 'down', 'buy', 'sell')`)
@Check('ck_bids_period', `period_end > period_start`)
@Check('ck_bids_refused_has_reasons', `(status = 'refused') = (jsonb_array_length(refusal_reasons) > 0)`)
export class BidEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_bids' })
  id!: string;

  /** Idempotency: portfolio, product, period, direction, ladder step and known_at. */
  @Column({ type: 'text' }) bidKey!: string;

  @Column({ type: 'uuid' }) portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_bids_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'uuid' }) organisationId!: string;
  @Column({ type: 'text' }) market!: Market;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'text' }) productVersionId!: string;
  @Column({ type: 'text' }) direction!: BidDirection;
  @Column({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'date' }) deliveryDay!: string;
  /** The calendar gate the bid was prepared for; null for event-driven (IDCONS) orders. */
  @Column({ type: 'text', nullable: true }) gateKey!: string | null;
  @Column({ type: 'text', nullable: true }) locationEan!: string | null;
  /** IDCONS: the inside and outside orders of one congestion answer share this reference. */
  @Column({ type: 'text', nullable: true }) pairRef!: string | null;
  @Column({ type: 'text' }) status!: BidStatus;
  @Column({ type: 'jsonb' }) refusalReasons!: BidRefusal[];
  @Column({ type: 'uuid', nullable: true }) reservationId!: string | null;
  /** When the inputs the bid was built from were known (the plan's known_at). */
  @Column({ type: 'timestamptz' }) knownAt!: Date;
  /** Plan run id, aggregate version, prices used, assumptions. */
  @Column({ type: 'jsonb' }) builtFrom!: Record<string, unknown>;
  /** The counterparty's id once submitted. */
  @Column({ type: 'text', nullable: true }) externalRef!: string | null;
  @Column({ type: 'text', nullable: true }) statusNote!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) statusChangedAt!: Date;

  @OneToMany(() => BidPointEntity, (point) => point.bid)
  points?: BidPointEntity[];
}
