import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { BaselineRecordQueries } from './application/baseline-records/baseline-records.queries';
import { RecordBaselineUseCase } from './application/baseline-records/record-baseline.use-case';
import { LedgerDayQuery } from './application/ledger/ledger-day.query';
import { ReservationLedger } from './application/ledger/reservation-ledger';
import { CreatePortfolioUseCase } from './application/portfolio/create-portfolio.use-case';
import { PortfolioSitesUseCase } from './application/portfolio/portfolio-sites.use-case';
import { PortfolioQueries } from './application/portfolio/portfolio.queries';
import { SetPrequalificationUseCase } from './application/portfolio/set-prequalification.use-case';
import './http/flexibility-error-statuses';
import { LedgerController } from './http/ledger.controller';
import { PortfoliosController } from './http/portfolios.controller';
import { PlanQueries } from './application/planning/plan.queries';
import { RequestPlanUseCase } from './application/planning/request-plan.use-case';
import { SiteServicesUseCase } from './application/site-services/site-services.use-case';
import { PlansController } from './http/plans.controller';
import { SiteServicesController } from './http/site-services.controller';

/**
 * Portfolios, the reservation ledger and recorded baselines (/v1, api app). Exports the ledger
 * for bidding and the planner, and the baseline records for settlement. Needs ConfigModule, a
 * DataSource and AccessModule in the app.
 */
@Module({
  controllers: [PortfoliosController, LedgerController, PlansController, SiteServicesController],
  providers: [
    AuditLogRepository,
    PortfolioQueries,
    CreatePortfolioUseCase,
    PortfolioSitesUseCase,
    SetPrequalificationUseCase,
    ReservationLedger,
    LedgerDayQuery,
    RecordBaselineUseCase,
    BaselineRecordQueries,
    RequestPlanUseCase,
    PlanQueries,
    SiteServicesUseCase,
  ],
  exports: [ReservationLedger, LedgerDayQuery, PortfolioQueries, RecordBaselineUseCase, BaselineRecordQueries],
})
export class FlexibilityModule {}
