import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { PortfolioDefinition, validatePortfolio } from '../../domain/portfolio/portfolio';
import { PortfolioError } from '../../domain/portfolio/portfolio.errors';
import { PortfolioMarketEntity } from '../../infrastructure/portfolio/portfolio-market.entity';
import { PortfolioEntity } from '../../infrastructure/portfolio/portfolio.entity';
import { PortfolioQueries } from './portfolio.queries';
import type { PortfolioView } from './portfolio.view';
import { violatedUniqueConstraint } from '../../../../persistence/src/unique-violation';

/** An operator creates a pool for its own organisation; the name is unique within it. */
@Injectable()
export class CreatePortfolioUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    private readonly queries: PortfolioQueries,
  ) {}

  async execute(scope: TenantScope, definition: PortfolioDefinition): Promise<PortfolioView> {
    const valid = validatePortfolio(definition);
    const now = new Date();
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.insert(PortfolioEntity, { id, organisationId: scope.organisationId, name: valid.name, biddingZone: valid.biddingZone, brpReference: valid.brpReference, createdAt: now, updatedAt: now });
        await manager.insert(PortfolioMarketEntity, valid.markets.map((market) => ({ portfolioId: id, market })));
        const view = await this.queries.get(scope, id, manager);
        await this.auditLog.append(manager, auditRecord(scope, { action: 'portfolio.create', entityType: 'portfolio', entityId: id, before: null, after: { name: view.name, biddingZone: view.biddingZone, brpReference: view.brpReference, markets: [...view.markets] } }));
        return view;
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_portfolios_organisation_name') {
        throw new PortfolioError('PORTFOLIO_NAME_TAKEN', `a portfolio named ${JSON.stringify(valid.name)} exists already`);
      }
      throw error;
    }
  }
}
