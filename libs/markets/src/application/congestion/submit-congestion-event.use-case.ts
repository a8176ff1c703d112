import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BidsError } from '../../domain/bids/bids.errors';
import { resolveProductRules } from '../../domain/products/resolve-product-rules';
import { MarketGateStore } from '../../infrastructure/calendar/market-gate.store';
import type { RecordedBid } from '../bids/bid-recorder';
import { BidQueries } from '../bids/bid.queries';
import { PrepareCongestionBidsCommand, PrepareCongestionBidsUseCase } from '../bids/prepare-congestion-bids.use-case';
import { GateBidSubmitter, GateSubmission } from '../gateways/gate-bid-submitter';
import { MarketProductCatalog } from '../market-product-catalog';
import { MARKETS_CLOCK, MarketsClock } from '../markets-clock';
import { congestionEventGate } from './congestion-event-gate';

export interface CongestionEventCommand extends Omit<PrepareCongestionBidsCommand, 'gateKey'> {
  /** The grid operator's event id (GOPACS market message or DSO request): names the gate and the order pairs. */
  readonly eventId: string;
}

export interface CongestionEventOutcome {
  readonly gateKey: string;
  /** False when the event was answered before for this portfolio: nothing was built or sent again. */
  readonly created: boolean;
  readonly bids: readonly Pick<RecordedBid, 'id' | 'bidKey' | 'status' | 'refusals'>[];
  readonly submission: GateSubmission | null;
}

/**
 * Answers one congestion event for one portfolio on GOPACS IDCONS, in one transaction: the
 * event's gate (`congestionEventGate`, stored prepared so the calendar's sweep leaves it alone),
 * the paired inside/outside orders (`PrepareCongestionBidsUseCase`: validated, reserved in the
 * ledger, stored, audited) and their submission to the trading platform (`GateBidSubmitter`, which
 * also enqueues the result collection: awards come back through `CollectGateResultsUseCase`).
 * A trading platform that is down rolls everything back: the caller may announce the event again.
 * Idempotent per event and portfolio.
 */
@Injectable()
export class SubmitCongestionEventUseCase {
  private readonly logger = new Logger(SubmitCongestionEventUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: MarketProductCatalog,
    private readonly gates: MarketGateStore,
    private readonly prepare: PrepareCongestionBidsUseCase,
    private readonly submitter: GateBidSubmitter,
    private readonly bids: BidQueries,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
  ) {}

  async execute(command: CongestionEventCommand): Promise<CongestionEventOutcome> {
    const first = command.request.isps[0];
    if (!first) throw new BidsError('BID_INPUT_INVALID', 'a congestion event names at least one ISP');
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rules = resolveProductRules(await this.catalog.versions(manager), 'idcons', 'idcons-nl', first.start);
      const gate = congestionEventGate(rules, command.eventId, command.portfolioId, command.request.isps, now);
      if (!(await this.gates.insertPlanned(manager, gate, now))) {
        const stored = await this.bids.find({ gateKey: gate.key }, manager);
        return { gateKey: gate.key, created: false, bids: stored.map((b) => ({ id: b.id, bidKey: b.bidKey, status: b.status, refusals: b.refusalReasons })), submission: null };
      }
      await this.gates.markPrepared(manager, gate.key, now);
      const recorded = await this.prepare.execute({ ...command, gateKey: gate.key }, manager);
      const submission = await this.submitter.submit(gate, manager);
      const bids = (await this.bids.find({ gateKey: gate.key }, manager)).map((b) => ({ id: b.id, bidKey: b.bidKey, status: b.status, refusals: b.refusalReasons }));
      this.logger.log({ msg: 'congestion event answered', gateKey: gate.key, recorded: recorded.length, orders: submission.orders, refused: submission.refused });
      return { gateKey: gate.key, created: true, bids, submission };
    });
  }
}
