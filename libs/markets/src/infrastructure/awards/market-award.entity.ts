import type { Decimal } from '@vpp/units';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';
import { decimalTransformer } from '../../../../persistence/src/decimal.transformer';

/** An awarded position per bid, product and period; see migration 1764300600000. */
@Entity({ name: 'market_awards' })
@Unique('uq_market_awards_order_period', ['clientOrderId', 'periodStart'])
@Index('ix_market_awards_portfolio_period', ['portfolioId', 'periodStart'])
@Check('ck_market_awards_quantity', `quantity_mw > 0`)
@Check('ck_market_awards_period', `period_end > period_start`)
export class MarketAwardEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_market_awards' })
  id!: string;

  @Column({ type: 'uuid' }) bidId!: string;
  @Column({ type: 'text' }) clientOrderId!: string;
  @Column({ type: 'text' }) gateKey!: string;
  @Column({ type: 'uuid' }) portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_market_awards_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'text' }) direction!: string;
  @Column({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'numeric', precision: 14, scale: 3, transformer: decimalTransformer(3, 14) }) quantityMw!: Decimal;
  @Column({ type: 'numeric', precision: 19, scale: 4, transformer: decimalTransformer(4, 19) }) price!: Decimal;
  @Column({ type: 'text' }) priceUnit!: string;
  @Column({ type: 'text' }) pricing!: string;
  @Column({ type: 'jsonb' }) labels!: string[];
  @Column({ type: 'timestamptz' }) knownAt!: Date;
}
