import { Module } from '@nestjs/common';
import { FleetReportUseCase } from '../../application/reports/fleet-report.use-case';
import { CounterpartyStatementsQueries } from '../../infrastructure/reports/counterparty-statements.queries';
import { FleetReportQueries } from '../../infrastructure/reports/fleet-report.queries';
import { CounterpartyStatementsController } from './counterparty-statements.controller';
import { SettlementReportsController } from './settlement-reports.controller';

/** The /v1 settlement reports and counterparty statements (api and platform apps); needs AccessModule and a DataSource. */
@Module({
  controllers: [SettlementReportsController, CounterpartyStatementsController],
  providers: [FleetReportQueries, FleetReportUseCase, CounterpartyStatementsQueries],
})
export class SettlementReportsApiModule {}
