import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import type { MarketGate } from '../../domain/calendar/market-gate';
import { clientOrderIdFor, counterpartyOf, GatewayOrder } from '../../domain/gateways/gateway-order';
import { GatewaySubmissionStore } from '../../infrastructure/gateways/gateway-submission.store';
import { MARKETS_CLOCK, MarketsClock } from '../markets-clock';
import { CounterpartyGateways } from './counterparty-gateways';
import { GATE_BIDS, GateBidsPort } from './gate-bids.port';

export interface GateSubmission {
  readonly gateKey: string;
  readonly orders: number;
  readonly refused: number;
}

/**
 * Sends a gate's prepared bids (status validated/reserved) to the market's counterparty and
 * marks them submitted, in the gate's transaction. The counterparty call comes first: when it is
 * down this throws, the transaction rolls back to the calendar's savepoint and the calendar
 * retries until the gate, then raises its missed-gate alert. Client order ids are derived from
 * the gate and the offer, so a resend after a crash replaces the first order instead of adding one.
 * The result collection is enqueued (outbox) for the gate closure plus the results delay.
 */
@Injectable()
export class GateBidSubmitter {
  private readonly logger = new Logger(GateBidSubmitter.name);

  constructor(
    private readonly gateways: CounterpartyGateways,
    private readonly submissions: GatewaySubmissionStore,
    @Inject(GATE_BIDS) private readonly bids: GateBidsPort,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async submit(gate: MarketGate, manager: EntityManager): Promise<GateSubmission> {
    const bids = await this.bids.submittable(manager, gate);
    if (bids.length === 0) return { gateKey: gate.key, orders: 0, refused: 0 };
    const orders: GatewayOrder[] = bids.map((bid) => ({ clientOrderId: clientOrderIdFor(gate.key, bid), bid }));
    const counterparty = counterpartyOf(gate.market);
    // The gate read on the markets clock, turned into a wall-clock deadline for the HTTP calls.
    const deadline = new Date(Date.now() + gate.gateClosureAt.getTime() - this.clock.now().getTime());
    const acks = await this.gateways.submit(counterparty, gate.productCode, orders, deadline);
    const now = this.clock.now();
    const refused = new Map(acks.filter((ack) => !ack.accepted).map((ack) => [ack.clientOrderId, ack.reason ?? 'refused by the counterparty']));
    const taken = orders.filter((order) => !refused.has(order.clientOrderId));
    const refusedOrders = orders.filter((order) => refused.has(order.clientOrderId));
    await this.submissions.recordSent(manager, gate.key, counterparty, taken, 'submitted', now);
    await this.submissions.recordSent(manager, gate.key, counterparty, refusedOrders, 'refused', now);
    await this.bids.markSubmitted(manager, taken.map((order) => ({ bidId: order.bid.bidId, clientOrderId: order.clientOrderId })), now);
    for (const order of refusedOrders) {
      await this.bids.markRejected(manager, [order.bid.bidId], now, `${counterparty}: ${refused.get(order.clientOrderId) ?? ''}`);
    }
    const resultsDueMs = gate.gateClosureAt.getTime() + this.config.gateways.resultsDelayMinutes * 60_000;
    await enqueueInTransaction(manager, {
      name: JobName.CollectGateResults,
      payload: { schemaVersion: 1, correlationId: gate.key, idempotencyKey: buildIdempotencyKey('collect', gate.key), gateKey: gate.key },
      delayMs: Math.max(0, resultsDueMs - now.getTime()),
    });
    this.logger.log({ msg: 'bids submitted', gateKey: gate.key, counterparty, orders: taken.length, refused: refused.size });
    return { gateKey: gate.key, orders: taken.length, refused: refused.size };
  }
}
