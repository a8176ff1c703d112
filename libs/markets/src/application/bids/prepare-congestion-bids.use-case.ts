import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { buildCongestionBids, type CongestionBidInput } from '../../domain/bids/congestion-bids';
import { BidsError } from '../../domain/bids/bids.errors';
import { resolveProductRules } from '../../domain/products/resolve-product-rules';
import { MarketProductCatalog } from '../market-product-catalog';
import { MARKETS_CLOCK, MarketsClock } from '../markets-clock';
import { BidRecorder, RecordedBid } from './bid-recorder';

export interface PrepareCongestionBidsCommand extends Omit<CongestionBidInput, 'rules'> {
  readonly portfolioId: string;
  /** When the flexibility the orders come from was known. */
  readonly knownAt: Date;
  /** Stored with every order: where connections' flexibility and prices came from, assumptions. */
  readonly builtFrom: Readonly<Record<string, unknown>>;
  /** The event's market gate (see `SubmitCongestionEventUseCase`), so the gateways submit the orders by gate; none = stored only. */
  readonly gateKey?: string;
}

/**
 * GOPACS IDCONS answer to a DSO congestion request (event-driven, no calendar gate): the paired
 * inside/outside orders, validated, reserved, stored and audited like every bid. Idempotent per
 * request, ISP, connection and known_at.
 */
@Injectable()
export class PrepareCongestionBidsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: MarketProductCatalog,
    private readonly recorder: BidRecorder,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
  ) {}

  async execute(command: PrepareCongestionBidsCommand, manager?: EntityManager): Promise<RecordedBid[]> {
    if (manager) return this.run(manager, command);
    return this.dataSource.transaction((m) => this.run(m, command));
  }

  private async run(manager: EntityManager, command: PrepareCongestionBidsCommand): Promise<RecordedBid[]> {
    const first = command.request.isps[0];
    if (!first) throw new BidsError('BID_INPUT_INVALID', 'a congestion request names at least one ISP');
    const versions = await this.catalog.versions(manager);
    const rulesAt = (start: Date) => resolveProductRules(versions, 'idcons', 'idcons-nl', start);
    const owner: { organisation_id: string }[] = await manager.query(`SELECT organisation_id FROM portfolios WHERE id = $1`, [command.portfolioId]);
    if (owner.length === 0) throw new BidsError('BID_INPUT_INVALID', `no portfolio ${command.portfolioId}`);
    const bids = buildCongestionBids({ ...command, rules: rulesAt(first.start) });
    return this.recorder.record(manager, {
      owner: { portfolioId: command.portfolioId, organisationId: owner[0].organisation_id },
      bids,
      rulesFor: (bid) => rulesAt(bid.draft.period.start),
      knownAt: command.knownAt,
      now: this.clock.now(),
      gateKey: command.gateKey ?? null,
      builtFrom: { ...command.builtFrom, congestionRequestId: command.request.id },
    });
  }
}
