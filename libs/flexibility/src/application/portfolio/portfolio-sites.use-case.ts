import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, notFound, TenantScope } from '@vpp/access';
import { PortfolioError } from '../../domain/portfolio/portfolio.errors';
import { portfolioMarketsOf, PortfolioQueries, requireOwnedPortfolio } from './portfolio.queries';
import type { PortfolioView } from './portfolio.view';

/**
 * Puts a site into a portfolio for each of the portfolio's markets, or takes it out. The site
 * must be the operator's own or belong to an organisation that delegates to the operator now
 * (the fleet owner lets the aggregator pool its site); any other site reads as not found.
 * `uq_portfolio_sites_site_market` keeps a site in at most one pool per market.
 */
@Injectable()
export class PortfolioSitesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    private readonly queries: PortfolioQueries,
  ) {}

  async assign(scope: TenantScope, portfolioId: string, siteId: string, now = new Date()): Promise<PortfolioView> {
    return this.dataSource.transaction(async (manager) => {
      await requireOwnedPortfolio(manager, scope, portfolioId);
      await this.requirePoolableSite(manager, scope, siteId, now);
      const markets = await portfolioMarketsOf(manager, portfolioId);
      // A concurrent assignment of the same site and market waits on the unique index, then sees the winner below.
      await manager.query(
        `INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at)
         SELECT $1, m, $2, $3 FROM unnest($4::text[]) AS m ON CONFLICT DO NOTHING`,
        [portfolioId, siteId, now, markets],
      );
      const elsewhere: { market: string }[] = await manager.query(
        `SELECT market FROM portfolio_sites WHERE site_id = $1 AND market = ANY($2::text[]) AND portfolio_id <> $3 ORDER BY market`,
        [siteId, markets, portfolioId],
      );
      if (elsewhere.length > 0) {
        throw new PortfolioError('PORTFOLIO_SITE_ALREADY_POOLED', `the site is in another portfolio for ${elsewhere.map((row) => row.market).join(', ')}`);
      }
      await this.auditLog.append(manager, auditRecord(scope, { action: 'portfolio.site_assign', entityType: 'portfolio', entityId: portfolioId, before: null, after: { siteId, markets } }));
      return this.queries.get(scope, portfolioId, manager);
    });
  }

  async remove(scope: TenantScope, portfolioId: string, siteId: string): Promise<PortfolioView> {
    return this.dataSource.transaction(async (manager) => {
      await requireOwnedPortfolio(manager, scope, portfolioId);
      const removed: unknown[] = await manager.query(`DELETE FROM portfolio_sites WHERE portfolio_id = $1 AND site_id = $2 RETURNING market`, [portfolioId, siteId]);
      if (removed.length === 0) throw notFound('site in portfolio');
      await this.auditLog.append(manager, auditRecord(scope, { action: 'portfolio.site_remove', entityType: 'portfolio', entityId: portfolioId, before: { siteId }, after: null }));
      return this.queries.get(scope, portfolioId, manager);
    });
  }

  private async requirePoolableSite(manager: EntityManager, scope: TenantScope, siteId: string, now: Date): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM sites s
        WHERE s.id = $1
          AND (s.organisation_id = $2
               OR EXISTS (SELECT 1 FROM delegations d
                           WHERE d.operator_organisation_id = $2 AND d.client_organisation_id = s.organisation_id
                             AND d.revoked_at IS NULL AND d.valid_from <= $3 AND d.valid_to > $3))`,
      [siteId, scope.organisationId, now],
    );
    if (rows.length === 0) throw notFound('site');
  }
}
