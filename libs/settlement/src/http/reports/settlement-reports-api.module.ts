import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuditLogRepository } from '@vpp/access';
import { SettlementContractsUseCase } from '../../application/admin/settlement-contracts.use-case';
import { SettlementPricesUseCase } from '../../application/admin/settlement-prices.use-case';
import { FleetReportUseCase } from '../../application/reports/fleet-report.use-case';
import { SettlementContractRepository } from '../../infrastructure/persistence/settlement-contract.repository';
import { CounterpartyStatementsQueries } from '../../infrastructure/reports/counterparty-statements.queries';
import { FleetReportQueries } from '../../infrastructure/reports/fleet-report.queries';
import { SettlementContractsController } from '../admin/settlement-contracts.controller';
import { SettlementPricesController } from '../admin/settlement-prices.controller';
import { CounterpartyStatementsController } from './counterparty-statements.controller';
import { SettlementReportsController } from './settlement-reports.controller';

/**
 * The /v1 settlement API (api and platform apps): reports and counterparty statements, and the
 * operator's settlement contracts and prices. Needs ConfigModule, AccessModule and a DataSource.
 */
@Module({
  controllers: [SettlementReportsController, CounterpartyStatementsController, SettlementContractsController, SettlementPricesController],
  providers: [
    FleetReportQueries,
    FleetReportUseCase,
    CounterpartyStatementsQueries,
    AuditLogRepository,
    SettlementContractRepository,
    SettlementContractsUseCase,
    SettlementPricesUseCase,
  ],
})
export class SettlementReportsApiModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // Settlement prices may come as the CSV of ARCHITECTURE.md section 6: hand it to the controller as text.
    if (!fastify.hasContentTypeParser('text/csv')) fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
}
