import type { CounterpartyResult } from '../../domain/gateways/counterparty-result';
import type { CounterpartyKind, GatewayOrder } from '../../domain/gateways/gateway-order';
import type { OrderAck } from '../../domain/gateways/order-ack';

/**
 * The counterparties, one interface per kind (issue 5, item 4). Every call is bounded by
 * `deadline` (the gate for submissions): a counterparty that is down throws
 * `CounterpartyUnavailableError` and the caller retries until the gate; a request it refuses
 * whole throws `CounterpartyRefusedError`; single orders it refuses come back as refused acks. Submissions are idempotent per `clientOrderId`.
 */
export interface TsoBalancingGateway {
  /** FCR (symmetric) and aFRR up/down capacity bids per 4-hour block. */
  submitCapacityBids(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]>;
  /** aFRR energy bids per 15-minute product, each a price ladder. */
  submitEnergyBids(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]>;
  /** The capacity auction's results of a delivery day (`YYYY-MM-DD`, Europe/Amsterdam). */
  capacityResults(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]>;
}

export interface ExchangeGateway {
  /** Day-ahead curve orders, one per MTU and side. */
  submitCurveOrders(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]>;
  results(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]>;
}

export interface TradingPlatformGateway {
  /** GOPACS IDCONS location-tagged buy and sell orders. */
  submitOrders(orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]>;
  matches(deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]>;
}

export const TSO_BALANCING_GATEWAY = Symbol('TSO_BALANCING_GATEWAY');
export const EXCHANGE_GATEWAY = Symbol('EXCHANGE_GATEWAY');
export const TRADING_PLATFORM_GATEWAY = Symbol('TRADING_PLATFORM_GATEWAY');

/** The three gateways, addressed by market: what the submitter and the result collector use. */
export class CounterpartyGateways {
  constructor(
    private readonly tso: TsoBalancingGateway,
    private readonly exchange: ExchangeGateway,
    private readonly tradingPlatform: TradingPlatformGateway,
  ) {}

  async submit(kind: CounterpartyKind, productCode: string, orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
    if (orders.length === 0) return [];
    switch (kind) {
      case 'exchange':
        return this.exchange.submitCurveOrders(orders, deadline);
      case 'trading-platform':
        return this.tradingPlatform.submitOrders(orders, deadline);
      case 'tso':
        // aFRR energy is the one per-ISP TSO product; capacity products go to the capacity auction.
        return orders[0].bid.market === 'afrr' && isEnergyProduct(productCode) ? this.tso.submitEnergyBids(orders, deadline) : this.tso.submitCapacityBids(orders, deadline);
    }
  }

  async results(kind: CounterpartyKind, deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]> {
    switch (kind) {
      case 'exchange':
        return this.exchange.results(deliveryDay, deadline);
      case 'trading-platform':
        return this.tradingPlatform.matches(deliveryDay, deadline);
      case 'tso':
        return this.tso.capacityResults(deliveryDay, deadline);
    }
  }
}

/** `afrr-energy-nl`: product codes name the product; capacity and energy are separate products. */
export function isEnergyProduct(productCode: string): boolean {
  return productCode.includes('energy');
}
