import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import type { ReservationProduct } from '../../domain/portfolio/portfolio-products';
import { PortfolioEntity } from './portfolio.entity';

/** The capacity the TSO (or market) prequalified the pool for, per product: the ceiling of what the ledger may hold. */
@Entity({ name: 'portfolio_prequalifications' })
@Check('ck_portfolio_prequalifications_product', `product IN ('fcr', 'afrr_up', 'afrr_down', 'day_ahead', 'congestion')`)
@Check('ck_portfolio_prequalifications_capacity', `capacity_kw >= 0`)
export class PortfolioPrequalificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_prequalifications' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_portfolio_prequalifications' })
  product!: ReservationProduct;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_portfolio_prequalifications_portfolio' })
  portfolio?: PortfolioEntity;

  @Column(decimalColumn('powerKw'))
  capacityKw!: Decimal;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
