import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantScope } from '@vpp/access';
import type { PortfolioMarket, ReservationProduct } from '../../domain/portfolio/portfolio-products';
import { PortfolioPrequalificationEntity } from '../../infrastructure/portfolio/portfolio-prequalification.entity';
import { PortfolioEntity } from '../../infrastructure/portfolio/portfolio.entity';
import type { PortfolioView } from './portfolio.view';

/** Portfolios of the caller's organisation; another tenant's id reads as not found. */
@Injectable()
export class PortfolioQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TenantScope): Promise<PortfolioView[]> {
    const rows = await this.dataSource.getRepository(PortfolioEntity).find({ where: scope.where(), order: { name: 'ASC', id: 'ASC' } });
    return Promise.all(rows.map((row) => viewOf(this.dataSource.manager, row)));
  }

  async get(scope: TenantScope, portfolioId: string, manager: EntityManager = this.dataSource.manager): Promise<PortfolioView> {
    return viewOf(manager, await requireOwnedPortfolio(manager, scope, portfolioId));
  }

  /** Throws NOT_FOUND unless the portfolio belongs to the scope's organisation. */
  async requireOwned(scope: TenantScope, portfolioId: string): Promise<void> {
    await requireOwnedPortfolio(this.dataSource.manager, scope, portfolioId);
  }
}

export async function requireOwnedPortfolio(manager: EntityManager, scope: TenantScope, portfolioId: string, lock = false): Promise<PortfolioEntity> {
  const row = await manager.findOne(PortfolioEntity, { where: { id: portfolioId, ...scope.where() }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  return scope.requireOwned(row, 'portfolio');
}

export async function portfolioMarketsOf(manager: EntityManager, portfolioId: string): Promise<PortfolioMarket[]> {
  const rows: { market: PortfolioMarket }[] = await manager.query(`SELECT market FROM portfolio_markets WHERE portfolio_id = $1 ORDER BY market`, [portfolioId]);
  return rows.map((row) => row.market);
}

async function viewOf(manager: EntityManager, row: PortfolioEntity): Promise<PortfolioView> {
  const markets = await portfolioMarketsOf(manager, row.id);
  const prequalifications = await manager.find(PortfolioPrequalificationEntity, { where: { portfolioId: row.id }, order: { product: 'ASC' } });
  const siteRows: { site_id: string; name: string; markets: PortfolioMarket[] }[] = await manager.query(
    `SELECT ps.site_id, s.name, array_agg(ps.market ORDER BY ps.market) AS markets
       FROM portfolio_sites ps JOIN sites s ON s.id = ps.site_id
      WHERE ps.portfolio_id = $1 GROUP BY ps.site_id, s.name ORDER BY s.name, ps.site_id`,
    [row.id],
  );
  const prequalifiedKw: Partial<Record<ReservationProduct, string>> = {};
  for (const p of prequalifications) prequalifiedKw[p.product] = p.capacityKw.toFixed();
  return {
    id: row.id,
    name: row.name,
    biddingZone: row.biddingZone,
    brpReference: row.brpReference,
    markets,
    prequalifiedKw,
    sites: siteRows.map((site) => ({ siteId: site.site_id, name: site.name, markets: site.markets })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
