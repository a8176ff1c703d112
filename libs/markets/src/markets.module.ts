import { Module } from '@nestjs/common';
import { BID_PREPARER } from './application/bid-preparer';
import { MarketEventsQueries } from './application/market-events.queries';
import { MarketProductCatalog } from './application/market-product-catalog';
import { MARKETS_CLOCK } from './application/markets-clock';
import { MissedGateAlerts } from './application/missed-gate-alerts';
import { PlanMarketCalendarUseCase } from './application/plan-market-calendar.use-case';
import { PrepareMarketGateUseCase } from './application/prepare-market-gate.use-case';
import { MarketCalendarProcessor } from './infrastructure/calendar/market-calendar.processor';
import { MarketCalendarScheduler } from './infrastructure/calendar/market-calendar.scheduler';
import { MarketEventsController } from './infrastructure/calendar/market-events.controller';
import { MarketGateStore } from './infrastructure/calendar/market-gate.store';
import { MarketProductRepository } from './infrastructure/products/market-product.repository';
import { MarketProductsController } from './infrastructure/products/market-products.controller';
import { AuditLogRepository } from '@vpp/access';
import { APP_CONFIG, AppConfig, PLATFORM_CLOCK } from '@vpp/config';
import { BidQueries } from './application/bids/bid.queries';
import { BidStatusUpdater } from './application/bids/bid-status-updater';
import { CollectGateResultsUseCase } from './application/awards/collect-gate-results.use-case';
import { BrpPartyCodesUseCase } from './application/brp/brp-party-codes.use-case';
import { BrpPositionsQueries } from './application/brp/brp-positions.queries';
import { CounterpartyGateways, EXCHANGE_GATEWAY, ExchangeGateway, TRADING_PLATFORM_GATEWAY, TradingPlatformGateway, TSO_BALANCING_GATEWAY, TsoBalancingGateway } from './application/gateways/counterparty-gateways';
import { GateBidSubmitter } from './application/gateways/gate-bid-submitter';
import { GATE_BIDS } from './application/gateways/gate-bids.port';
import { BID_BUILDER, SubmittingBidPreparer } from './application/gateways/submitting-bid-preparer';
import type { BidPreparer } from './application/bid-preparer';
import { AwardStore } from './infrastructure/awards/award.store';
import { CollectGateResultsProcessor } from './infrastructure/awards/collect-gate-results.processor';
import { PlanAwardedDispatchProcessor } from './infrastructure/awards/plan-awarded-dispatch.processor';
import { BrpPartyCodesController, BrpPositionsController } from './infrastructure/brp/brp-positions.controller';
import { GatewaySubmissionStore } from './infrastructure/gateways/gateway-submission.store';
import { HttpExchangeGateway, HttpTradingPlatformGateway, HttpTsoBalancingGateway } from './infrastructure/gateways/http-counterparty.gateways';
import { StoredGateBids } from './infrastructure/gateways/stored-gate-bids';
import { BidRecorder } from './application/bids/bid-recorder';
import { BuildingBidPreparer } from './application/bids/building-bid-preparer';
import { PORTFOLIO_PLAN_SOURCE } from './application/bids/portfolio-plan-source';
import { PrepareCongestionBidsUseCase } from './application/bids/prepare-congestion-bids.use-case';
import { StoredPlanSource } from './infrastructure/bids/stored-plan-source';
import { SubmitCongestionEventUseCase } from './application/congestion/submit-congestion-event.use-case';

/**
 * Market products and the market calendar's use cases. Needs ConfigModule and a DataSource in
 * the app. `BID_PREPARER` runs bid building's preparer (`BID_BUILDER`), then the gateway submission.
 */
@Module({
  providers: [
    { provide: MARKETS_CLOCK, useExisting: PLATFORM_CLOCK },
    // Bid building's preparer goes here (BID_BUILDER); BID_PREPARER wraps it so the gateways submit the gate's bids in the same job.
    { provide: BID_BUILDER, useClass: BuildingBidPreparer },
    { provide: PORTFOLIO_PLAN_SOURCE, useClass: StoredPlanSource },
    BidRecorder,
    PrepareCongestionBidsUseCase,
    SubmitCongestionEventUseCase,
    {
      provide: BID_PREPARER,
      useFactory: (builder: BidPreparer, submitter: GateBidSubmitter) => new SubmittingBidPreparer(builder, submitter),
      inject: [BID_BUILDER, GateBidSubmitter],
    },
    // Gateways and awards (issue 5, items 4 and 5): HTTP counterparties, submission by bid status, results into awards.
    { provide: TSO_BALANCING_GATEWAY, useFactory: (config: AppConfig) => new HttpTsoBalancingGateway(config), inject: [APP_CONFIG] },
    { provide: EXCHANGE_GATEWAY, useFactory: (config: AppConfig) => new HttpExchangeGateway(config), inject: [APP_CONFIG] },
    { provide: TRADING_PLATFORM_GATEWAY, useFactory: (config: AppConfig) => new HttpTradingPlatformGateway(config), inject: [APP_CONFIG] },
    {
      provide: CounterpartyGateways,
      useFactory: (tso: TsoBalancingGateway, exchange: ExchangeGateway, tradingPlatform: TradingPlatformGateway) => new CounterpartyGateways(tso, exchange, tradingPlatform),
      inject: [TSO_BALANCING_GATEWAY, EXCHANGE_GATEWAY, TRADING_PLATFORM_GATEWAY],
    },
    { provide: GATE_BIDS, useClass: StoredGateBids },
    AuditLogRepository,
    BidQueries,
    BidStatusUpdater,
    GatewaySubmissionStore,
    AwardStore,
    GateBidSubmitter,
    CollectGateResultsUseCase,
    MarketProductRepository,
    MarketProductCatalog,
    MarketGateStore,
    MissedGateAlerts,
    PlanMarketCalendarUseCase,
    PrepareMarketGateUseCase,
    MarketEventsQueries,
  ],
  exports: [MARKETS_CLOCK, BID_PREPARER, MarketProductCatalog, PlanMarketCalendarUseCase, PrepareMarketGateUseCase, MissedGateAlerts, MarketEventsQueries, CollectGateResultsUseCase, BidQueries, BidStatusUpdater, PrepareCongestionBidsUseCase, SubmitCongestionEventUseCase],
})
export class MarketsModule {}

/**
 * The `bidding` queue's calendar processors and the calendar job scheduler; imported by the apps
 * that own the queue (planner, platform). Needs `QueuesModule.forRoot` in the app.
 */
@Module({ imports: [MarketsModule], providers: [MarketCalendarProcessor, MarketCalendarScheduler, CollectGateResultsProcessor, PlanAwardedDispatchProcessor] })
export class MarketsJobsModule {}

/** The operator routes /v1/market-products, /v1/market-events, /v1/brp-party-codes and the BRP API /v1/brp. Needs AccessModule in the app. */
@Module({
  imports: [MarketsModule],
  controllers: [MarketProductsController, MarketEventsController, BrpPositionsController, BrpPartyCodesController],
  providers: [BrpPositionsQueries, BrpPartyCodesUseCase],
})
export class MarketsApiModule {}
