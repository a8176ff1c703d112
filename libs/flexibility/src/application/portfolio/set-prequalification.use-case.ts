import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { Decimal } from '@vpp/units';
import { validatePrequalifications } from '../../domain/portfolio/portfolio';
import type { ReservationProduct } from '../../domain/portfolio/portfolio-products';
import { portfolioMarketsOf, PortfolioQueries, requireOwnedPortfolio } from './portfolio.queries';
import type { PortfolioView } from './portfolio.view';

/**
 * Records the capacity a product is prequalified for. It caps new reservations of the product;
 * lowering it does not cancel what is already held (a lost prequalification is handled by
 * releasing the reservations deliberately, not silently).
 */
@Injectable()
export class SetPrequalificationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    private readonly queries: PortfolioQueries,
  ) {}

  async execute(scope: TenantScope, portfolioId: string, capacities: readonly { product: ReservationProduct; capacityKw: Decimal }[], now = new Date()): Promise<PortfolioView> {
    return this.dataSource.transaction(async (manager) => {
      await requireOwnedPortfolio(manager, scope, portfolioId, true);
      const markets = await portfolioMarketsOf(manager, portfolioId);
      validatePrequalifications(markets, capacities);
      const before = (await this.queries.get(scope, portfolioId, manager)).prequalifiedKw;
      await manager.query(
        `INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at)
         SELECT $1, p, c, $4 FROM unnest($2::text[], $3::numeric[]) AS r(p, c)
         ON CONFLICT (portfolio_id, product) DO UPDATE SET capacity_kw = EXCLUDED.capacity_kw, updated_at = EXCLUDED.updated_at`,
        [portfolioId, capacities.map((c) => c.product), capacities.map((c) => c.capacityKw.toFixed()), now],
      );
      await manager.query(`UPDATE portfolios SET updated_at = $2 WHERE id = $1`, [portfolioId, now]);
      const view = await this.queries.get(scope, portfolioId, manager);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'portfolio.prequalification_set', entityType: 'portfolio', entityId: portfolioId, before: { ...before }, after: { ...view.prequalifiedKw } }));
      return view;
    });
  }
}
