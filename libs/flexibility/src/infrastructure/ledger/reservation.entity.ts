import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { ReservationProduct } from '../../domain/portfolio/portfolio-products';
import { PortfolioEntity } from '../portfolio/portfolio.entity';

export type ReservationStatus = 'held' | 'released';

/** Capacity held for one product on a portfolio (its cells are in `reservation_lines`). */
@Entity({ name: 'reservations' })
@Unique('uq_reservations_portfolio_idempotency_key', ['portfolioId', 'idempotencyKey'])
@Index('ix_reservations_portfolio_status', ['portfolioId', 'status'])
@Check('ck_reservations_product', `product IN ('fcr', 'afrr_up', 'afrr_down', 'day_ahead', 'congestion')`)
@Check('ck_reservations_status', `(status = 'held' AND released_at IS NULL) OR (status = 'released' AND released_at IS NOT NULL)`)
export class ReservationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reservations' })
  id!: string;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_reservations_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'text' })
  product!: ReservationProduct;

  /** The bid id, or free text for a manual trade. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  /** sha256 of the canonical request: the same key with another request is refused. */
  @Column({ type: 'text' })
  requestFingerprint!: string;

  @Column({ type: 'text' })
  status!: ReservationStatus;

  @Column({ type: 'timestamptz' })
  reservedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  releaseReason!: string | null;
}
