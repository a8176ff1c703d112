import { Module } from '@nestjs/common';
import { AggregateMeterUseCase } from '../../application/pipeline/aggregate-meter.use-case';
import { BalancingDeliveriesLoader } from '../../application/pipeline/balancing-deliveries.loader';
import { ClosePeriodUseCase } from '../../application/pipeline/close-period.use-case';
import { IssuePortfolioStatementsUseCase } from '../../application/pipeline/issue-portfolio-statements.use-case';
import { LateMeterDataDetector } from '../../application/pipeline/late-meter-data.detector';
import { SettlementCoreModule } from '../../settlement.module';
import { DsoFlexSettlementRecorder } from './dso-flex-settlement.recorder';
import { SettlementMarketInputsReader } from './settlement-market-inputs.reader';
import { SettlementMeterRepository } from './settlement-meter.repository';
import { SettlementPipelineProcessor } from './settlement-pipeline.processor';
import { SettlementPipelineScheduler } from './settlement-pipeline.scheduler';
import { SettlementPortfoliosReader } from './settlement-portfolios.reader';
import { SettlementPriceRepository } from './settlement-price.repository';

/**
 * The settlement pipeline's processors and scheduler: imported by the apps that own the
 * `settlement` queue (settlement, platform). Needs `QueuesModule` and a TypeORM DataSource.
 */
@Module({
  imports: [SettlementCoreModule],
  providers: [
    SettlementPortfoliosReader,
    SettlementMeterRepository,
    SettlementPriceRepository,
    SettlementMarketInputsReader,
    BalancingDeliveriesLoader,
    DsoFlexSettlementRecorder,
    ClosePeriodUseCase,
    AggregateMeterUseCase,
    IssuePortfolioStatementsUseCase,
    LateMeterDataDetector,
    SettlementPipelineProcessor,
    SettlementPipelineScheduler,
  ],
  exports: [SettlementMeterRepository, SettlementPriceRepository, IssuePortfolioStatementsUseCase, SettlementPipelineScheduler],
})
export class SettlementPipelineModule {}
