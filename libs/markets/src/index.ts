// Public API of @vpp/markets.
export * from './domain/day-ahead-price-series';
export * from './infrastructure/import/day-ahead-prices.reader';

export * from './domain/products/market-product';
export * from './domain/products/markets.errors';
export * from './domain/products/bid-draft';
export * from './domain/products/bid-rule-violation';
export * from './domain/products/validate-bid';
export * from './domain/products/resolve-product-rules';
export * from './domain/products/product-gate';
export * from './domain/products/product-rule-overrides';
export * from './domain/products/session-qualification';
export * from './domain/calendar/market-gate';
export * from './domain/calendar/compute-market-calendar';

export * from './application/bid-preparer';
export * from './application/markets-clock';
export * from './application/market-product-catalog';
export * from './application/plan-market-calendar.use-case';
export * from './application/prepare-market-gate.use-case';
export * from './application/missed-gate-alerts';
export * from './application/market-events.queries';
export * from './application/market-gate.metrics';

export { MarketGateStore } from './infrastructure/calendar/market-gate.store';
export type { MissedGateReason, StoredMarketGate } from './infrastructure/calendar/market-gate.store';
export { RecordOnlyBidPreparer } from './infrastructure/calendar/record-only-bid-preparer';
export { MarketCalendarProcessor } from './infrastructure/calendar/market-calendar.processor';
export { MarketCalendarScheduler, MARKET_CALENDAR_SCHEDULER_ID } from './infrastructure/calendar/market-calendar.scheduler';
export { MARKETS_ENTITIES } from './infrastructure/calendar/markets.entities';
export { MarketProductEntity } from './infrastructure/products/market-product.entity';
export { MarketProductRepository } from './infrastructure/products/market-product.repository';
export { MarketGateEntity } from './infrastructure/calendar/market-gate.entity';
export { MarketEventEntity } from './infrastructure/calendar/market-event.entity';
export { BidPreparationEntity } from './infrastructure/calendar/bid-preparation.entity';
export * from './markets.module';

// Bids (issue 5 item 3): builders, validation + reservation + storage, the status updater gateways use.
export * from './domain/bids';
export * from './application/bids';
export { BID_ENTITIES } from './infrastructure/bids/bids.entities';
export { BidEntity } from './infrastructure/bids/bid.entity';
export { BidPointEntity } from './infrastructure/bids/bid-point.entity';

// Gateways and awards (issue 5 items 4 and 5): counterparty interfaces, HTTP clients and wire contract, awards, the BRP API.
export * from './domain/gateways/gateway-order';
export * from './domain/gateways/counterparty-result';
export * from './domain/gateways/order-ack';
export * from './domain/gateways/gateway.errors';
export * from './domain/awards/award';
export * from './domain/brp/brp-positions';
export * from './application/gateways/counterparty-gateways';
export * from './application/gateways/gate-bids.port';
export * from './application/gateways/gate-bid-submitter';
export * from './application/gateways/submitting-bid-preparer';
export * from './application/awards/collect-gate-results.use-case';
export * from './application/brp/brp-positions.queries';
export * from './application/brp/brp-party-codes.use-case';
export * from './infrastructure/gateways/counterparty-wire';
export { HttpExchangeGateway, HttpTradingPlatformGateway, HttpTsoBalancingGateway } from './infrastructure/gateways/http-counterparty.gateways';
export { GatewaySubmissionStore } from './infrastructure/gateways/gateway-submission.store';
export { StoredGateBids } from './infrastructure/gateways/stored-gate-bids';
export { AwardStore } from './infrastructure/awards/award.store';
export { CollectGateResultsProcessor } from './infrastructure/awards/collect-gate-results.processor';
export { PlanAwardedDispatchProcessor } from './infrastructure/awards/plan-awarded-dispatch.processor';
export { GATEWAYS_ENTITIES } from './infrastructure/gateways/gateways.entities';
export { StoredPlanSource } from './infrastructure/bids/stored-plan-source';

// IDCONS congestion events (issue 5 items 3-4 wiring): one gate per event and portfolio, orders built, submitted, collected like a gate's.
export * from './application/congestion/congestion-event-gate';
export * from './application/congestion/submit-congestion-event.use-case';
