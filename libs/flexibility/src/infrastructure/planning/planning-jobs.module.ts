import { Module } from '@nestjs/common';
import { RecordBaselineUseCase } from '../../application/baseline-records/record-baseline.use-case';
import { RecordSessionBaselineUseCase } from '../../application/baseline-records/record-session-baseline.use-case';
import { ForecastAndBacktestUseCase } from '../../application/forecast/forecast-and-backtest.use-case';
import { LedgerDayQuery } from '../../application/ledger/ledger-day.query';
import { ReservationLedger } from '../../application/ledger/reservation-ledger';
import { DayAheadPriceBook } from '../../application/planning/day-ahead-price-book';
import { PlanPortfolioDayUseCase } from '../../application/planning/plan-portfolio-day.use-case';
import { PlanningJobsProcessor } from './planning-jobs.processor';
import { PlanningScheduler } from './planning.scheduler';

/**
 * The `planning` queue's processors and the daily plan scheduler; imported by the apps that own
 * the queue (planner, platform). Needs ConfigModule, a DataSource and `QueuesModule.forRoot`.
 * Holds its own ledger and baseline providers (stateless, DataSource only) so the planner does
 * not mount the flexibility HTTP routes.
 */
@Module({
  providers: [
    ReservationLedger,
    LedgerDayQuery,
    RecordBaselineUseCase,
    RecordSessionBaselineUseCase,
    ForecastAndBacktestUseCase,
    DayAheadPriceBook,
    PlanPortfolioDayUseCase,
    PlanningJobsProcessor,
    PlanningScheduler,
  ],
  exports: [PlanPortfolioDayUseCase],
})
export class PlanningJobsModule {}
