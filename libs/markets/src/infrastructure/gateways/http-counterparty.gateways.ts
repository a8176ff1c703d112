import type { AppConfig } from '@vpp/config';
import type { ExchangeGateway, TradingPlatformGateway, TsoBalancingGateway } from '../../application/gateways/counterparty-gateways';
import type { CounterpartyResult } from '../../domain/gateways/counterparty-result';
import type { GatewayOrder } from '../../domain/gateways/gateway-order';
import type { OrderAck } from '../../domain/gateways/order-ack';
import { CounterpartyHttpSettings, fetchResults, submitOrders } from './counterparty-http';
import { COUNTERPARTY_PATHS } from './counterparty-wire';

function settingsOf(config: AppConfig, name: string, baseUrl: string): CounterpartyHttpSettings {
  return { name, baseUrl: baseUrl.replace(/\/$/, ''), timeoutMs: config.gateways.requestTimeoutMs, attempts: config.gateways.requestAttempts };
}

/** The TSO's balancing platform over HTTP (GATEWAYS_TSO_URL). */
export class HttpTsoBalancingGateway implements TsoBalancingGateway {
  private readonly settings: CounterpartyHttpSettings;
  constructor(config: AppConfig) {
    this.settings = settingsOf(config, 'tso', config.gateways.tsoUrl);
  }
  submitCapacityBids(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
    return submitOrders(this.settings, COUNTERPARTY_PATHS.tsoCapacityBids, orders, deadline);
  }
  submitEnergyBids(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
    return submitOrders(this.settings, COUNTERPARTY_PATHS.tsoEnergyBids, orders, deadline);
  }
  capacityResults(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]> {
    return fetchResults(this.settings, COUNTERPARTY_PATHS.tsoCapacityResults, deliveryDay, deadline);
  }
}

/** The power exchange (SDAC day-ahead) over HTTP (GATEWAYS_EXCHANGE_URL). */
export class HttpExchangeGateway implements ExchangeGateway {
  private readonly settings: CounterpartyHttpSettings;
  constructor(config: AppConfig) {
    this.settings = settingsOf(config, 'exchange', config.gateways.exchangeUrl);
  }
  submitCurveOrders(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
    return submitOrders(this.settings, COUNTERPARTY_PATHS.exchangeOrders, orders, deadline);
  }
  results(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]> {
    return fetchResults(this.settings, COUNTERPARTY_PATHS.exchangeResults, deliveryDay, deadline);
  }
}

/** GOPACS (IDCONS on the trading platform) over HTTP (GATEWAYS_TRADING_PLATFORM_URL). */
export class HttpTradingPlatformGateway implements TradingPlatformGateway {
  private readonly settings: CounterpartyHttpSettings;
  constructor(config: AppConfig) {
    this.settings = settingsOf(config, 'trading-platform', config.gateways.tradingPlatformUrl);
  }
  submitOrders(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
    return submitOrders(this.settings, COUNTERPARTY_PATHS.tradingPlatformOrders, orders, deadline);
  }
  matches(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]> {
    return fetchResults(this.settings, COUNTERPARTY_PATHS.tradingPlatformMatches, deliveryDay, deadline);
  }
}
