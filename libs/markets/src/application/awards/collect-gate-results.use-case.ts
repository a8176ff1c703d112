import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { gateOutcome } from '../../domain/awards/award';
import { counterpartyOf } from '../../domain/gateways/gateway-order';
import { MarketsError } from '../../domain/products/markets.errors';
import { AwardStore } from '../../infrastructure/awards/award.store';
import { MarketGateStore } from '../../infrastructure/calendar/market-gate.store';
import { GatewaySubmissionStore } from '../../infrastructure/gateways/gateway-submission.store';
import { CounterpartyGateways } from '../gateways/counterparty-gateways';
import { GATE_BIDS, GateBidsPort } from '../gateways/gate-bids.port';
import { MARKETS_CLOCK, MarketsClock } from '../markets-clock';

export interface CollectedGateResults {
  readonly gateKey: string;
  readonly awards: number;
  readonly awardedBids: number;
  readonly notAwardedBids: number;
}

/**
 * Reads a gate's clearing results from its counterparty and, in one transaction: stores the
 * awards (per bid, product and period, with quantity, price and known_at), marks the bids
 * awarded or rejected (a rejected bid's ledger reservation is released by that status change,
 * once), and hands each portfolio's awards to dispatch planning with a `planning` job through the
 * outbox. Results not published yet (or a counterparty down) throw: the job's backoff retries.
 * Running it again after success finds no order waiting and does nothing.
 */
@Injectable()
export class CollectGateResultsUseCase {
  private readonly logger = new Logger(CollectGateResultsUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly gates: MarketGateStore,
    private readonly submissions: GatewaySubmissionStore,
    private readonly awards: AwardStore,
    private readonly gateways: CounterpartyGateways,
    @Inject(GATE_BIDS) private readonly bids: GateBidsPort,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(gateKey: string): Promise<CollectedGateResults> {
    const stored = await this.gates.find(this.dataSource.manager, gateKey);
    if (stored === undefined) throw new MarketsError('MARKET_GATE_NOT_FOUND', `no market gate ${gateKey}`);
    const { gate } = stored;
    const waiting = await this.dataSource.transaction((manager) => this.submissions.lockAwaitingResults(manager, gateKey));
    if (waiting.length === 0) return { gateKey, awards: 0, awardedBids: 0, notAwardedBids: 0 };
    const { requestTimeoutMs, requestAttempts } = this.config.gateways;
    const deadline = new Date(Date.now() + requestTimeoutMs * requestAttempts + 1_000);
    const results = await this.gateways.results(counterpartyOf(gate.market), gate.deliveryDay, deadline);

    const collected = await this.dataSource.transaction(async (manager) => {
      const orders = await this.submissions.lockAwaitingResults(manager, gateKey);
      const outcome = gateOutcome(orders, results);
      const now = this.clock.now();
      const stored = await this.awards.insert(manager, gateKey, outcome.awards, now);
      const clientIdOf = new Map(orders.map((order) => [order.bid.bidId, order.clientOrderId]));
      await this.submissions.recordResults(
        manager,
        outcome.awardedBidIds.map((id) => clientIdOf.get(id) ?? id),
        outcome.notAwardedBidIds.map((id) => clientIdOf.get(id) ?? id),
        now,
      );
      await this.bids.markAwarded(manager, outcome.awardedBidIds, now, `awarded at ${gateKey}`);
      await this.bids.markRejected(manager, outcome.notAwardedBidIds, now, `not awarded at ${gateKey}`);
      for (const portfolioId of new Set(outcome.awards.map((award) => award.portfolioId))) {
        await enqueueInTransaction(manager, {
          name: JobName.PlanAwardedDispatch,
          payload: {
            schemaVersion: 1,
            correlationId: gateKey,
            idempotencyKey: buildIdempotencyKey('awards', gateKey, portfolioId),
            gateKey,
            portfolioId,
            deliveryDay: gate.deliveryDay,
          },
        });
      }
      return { gateKey, awards: stored, awardedBids: outcome.awardedBidIds.length, notAwardedBids: outcome.notAwardedBidIds.length };
    });
    this.logger.log({ msg: 'gate results collected', ...collected });
    return collected;
  }
}
