import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryDay } from '@vpp/units';
import type { MarketGate } from '../../domain/calendar/market-gate';
import { buildAfrrEnergyBids } from '../../domain/bids/afrr-energy-bids';
import type { BuiltBid } from '../../domain/bids/built-bid';
import { buildAfrrCapacityBids, buildFcrBids } from '../../domain/bids/capacity-bids';
import { buildDayAheadBids } from '../../domain/bids/day-ahead-bids';
import { planEconomics } from '../../domain/bids/plan-economics';
import type { PortfolioDayPlan } from '../../domain/bids/portfolio-day-plan';
import type { Market, MarketProductRules } from '../../domain/products/market-product';
import { resolveProductRules } from '../../domain/products/resolve-product-rules';
import { heldAfrrCapacityMw } from '../../infrastructure/bids/held-afrr-capacity';
import { ledgerFreeCapacity } from '../../infrastructure/bids/ledger-free-capacity';
import type { BidPreparer } from '../bid-preparer';
import { MarketProductCatalog } from '../market-product-catalog';
import { MARKETS_CLOCK, MarketsClock } from '../markets-clock';
import { BidRecorder, RecordedBid } from './bid-recorder';
import { PORTFOLIO_PLAN_SOURCE, PortfolioPlanSource } from './portfolio-plan-source';

/** libs/flexibility portfolio markets per market of a product. IDCONS answers requests, not gates. */
const PORTFOLIO_MARKET: Readonly<Record<Market, string>> = { fcr: 'fcr', afrr: 'afrr', 'day-ahead': 'day_ahead', idcons: 'congestion' };

export interface GatePreparationSummary {
  readonly portfolios: number;
  readonly withoutPlan: readonly string[];
  readonly bids: readonly RecordedBid[];
}

/**
 * The real `BidPreparer` (issue 5 item 3): for the gate's product and period, for every portfolio
 * in that market, builds the bids from the portfolio's latest plan known now, then validates,
 * reserves, stores and audits them (BidRecorder), all in the gate job's transaction: a failure
 * rolls everything of this attempt back and the calendar retries. Bids are keyed by the plan's
 * known_at, so a retry or a second delivery of the job finds what the first wrote. Gateways take
 * the gate's `validated`/`reserved` bids from there.
 */
@Injectable()
export class BuildingBidPreparer implements BidPreparer {
  readonly name = 'bid-builder';
  private readonly logger = new Logger(BuildingBidPreparer.name);

  constructor(
    private readonly catalog: MarketProductCatalog,
    private readonly recorder: BidRecorder,
    @Inject(PORTFOLIO_PLAN_SOURCE) private readonly plans: PortfolioPlanSource,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
  ) {}

  async prepare(gate: MarketGate, manager: EntityManager): Promise<void> {
    const summary = await this.prepareGate(gate, manager);
    const counts = summary.bids.reduce<Record<string, number>>((acc, bid) => ({ ...acc, [bid.status]: (acc[bid.status] ?? 0) + 1 }), {});
    await manager.query(`INSERT INTO bid_preparations (id, gate_key, preparer, prepared_at, note) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      gate.key,
      this.name,
      this.clock.now(),
      JSON.stringify({ portfolios: summary.portfolios, withoutPlan: summary.withoutPlan, bids: counts, created: summary.bids.filter((b) => b.created).length }),
    ]);
  }

  async prepareGate(gate: MarketGate, manager: EntityManager): Promise<GatePreparationSummary> {
    if (gate.market === 'idcons') return { portfolios: 0, withoutPlan: [], bids: [] };
    const now = this.clock.now();
    const versions = await this.catalog.versions(manager);
    const rulesAt = (start: Date): MarketProductRules => resolveProductRules(versions, gate.market, gate.productCode, start);
    const day = DeliveryDay.of(gate.deliveryDay);
    const portfolios: { id: string; organisation_id: string }[] = await manager.query(
      `SELECT p.id, p.organisation_id FROM portfolios p JOIN portfolio_markets m ON m.portfolio_id = p.id AND m.market = $1 ORDER BY p.id`,
      [PORTFOLIO_MARKET[gate.market]],
    );
    const withoutPlan: string[] = [];
    const bids: RecordedBid[] = [];
    for (const portfolio of portfolios) {
      const plan = await this.plans.planFor(manager, portfolio.id, day, now);
      if (!plan) {
        withoutPlan.push(portfolio.id);
        this.logger.warn({ msg: 'no plan for the delivery day: no bids', gateKey: gate.key, portfolioId: portfolio.id, deliveryDay: day.isoDate });
        continue;
      }
      const built = await this.build(manager, gate, plan, rulesAt);
      bids.push(
        ...(await this.recorder.record(manager, {
          owner: { portfolioId: portfolio.id, organisationId: portfolio.organisation_id },
          bids: built,
          rulesFor: (bid) => rulesAt(bid.draft.period.start),
          knownAt: plan.provenance.knownAt,
          now,
          gateKey: gate.key,
          builtFrom: provenanceOf(plan),
        })),
      );
    }
    return { portfolios: portfolios.length, withoutPlan, bids };
  }

  private async build(manager: EntityManager, gate: MarketGate, plan: PortfolioDayPlan, rulesAt: (start: Date) => MarketProductRules): Promise<BuiltBid[]> {
    const economics = planEconomics(plan);
    const rules = rulesAt(gate.period.start);
    if (rules.market === 'fcr') return buildFcrBids({ plan, economics, rules });
    if (rules.market === 'afrr' && rules.deliveryPeriod === 'block') return buildAfrrCapacityBids({ plan, economics, rules });
    if (rules.market === 'afrr') {
      const capacityMw = await heldAfrrCapacityMw(manager, plan.portfolioId, plan.day);
      return buildAfrrEnergyBids({ plan, economics, rulesFor: rulesAt, capacityMw, within: gate.period });
    }
    if (rules.market === 'day-ahead') return buildDayAheadBids({ plan, economics, rules, free: await ledgerFreeCapacity(manager, plan.portfolioId, plan.day) });
    return [];
  }
}

/** What every bid of a plan stores as its inputs (issue 5: plan run, aggregate version, prices, assumptions). */
export function provenanceOf(plan: PortfolioDayPlan): Record<string, unknown> {
  const p = plan.provenance;
  return {
    planRunId: p.planRunId,
    aggregateVersion: p.aggregateVersion,
    knownAt: p.knownAt.toISOString(),
    priceSource: p.priceSource,
    pricesEurPerMwh: Array.from(plan.pricesEurPerMwh),
    assumptions: p.assumptions,
  };
}
