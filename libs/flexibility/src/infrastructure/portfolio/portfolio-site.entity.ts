import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SiteEntity } from '../../../../fleet/src/infrastructure/persistence/site.entity';
import type { PortfolioMarket } from '../../domain/portfolio/portfolio-products';
import { PortfolioMarketEntity } from './portfolio-market.entity';

/**
 * A site in a portfolio, one row per market of the portfolio: the unique (site, market) is what
 * keeps a site in at most one pool per market, even when two operators' requests race.
 */
@Entity({ name: 'portfolio_sites' })
@Unique('uq_portfolio_sites_site_market', ['siteId', 'market'])
export class PortfolioSiteEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_sites' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_portfolio_sites' })
  market!: PortfolioMarket;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_sites' })
  siteId!: string;

  @ManyToOne(() => PortfolioMarketEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'portfolio_id', referencedColumnName: 'portfolioId', foreignKeyConstraintName: 'fk_portfolio_sites_market' },
    { name: 'market', referencedColumnName: 'market', foreignKeyConstraintName: 'fk_portfolio_sites_market' },
  ])
  portfolioMarket?: PortfolioMarketEntity;

  @ManyToOne(() => SiteEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_portfolio_sites_site' })
  site?: SiteEntity;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;
}
