import { Check, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PortfolioMarket } from '../../domain/portfolio/portfolio-products';
import { PortfolioEntity } from './portfolio.entity';

/** A market the portfolio is registered for; site memberships hang off it. */
@Entity({ name: 'portfolio_markets' })
@Check('ck_portfolio_markets_market', `market IN ('fcr', 'afrr', 'day_ahead', 'congestion')`)
export class PortfolioMarketEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_markets' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_portfolio_markets' })
  market!: PortfolioMarket;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_portfolio_markets_portfolio' })
  portfolio?: PortfolioEntity;
}
