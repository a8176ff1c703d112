import { PortfolioMarketEntity } from './portfolio-market.entity';
import { PortfolioPrequalificationEntity } from './portfolio-prequalification.entity';
import { PortfolioSiteEntity } from './portfolio-site.entity';
import { PortfolioEntity } from './portfolio.entity';

export const PORTFOLIO_ENTITIES = [PortfolioEntity, PortfolioMarketEntity, PortfolioSiteEntity, PortfolioPrequalificationEntity];
