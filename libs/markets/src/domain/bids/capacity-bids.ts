import { Decimal } from '@vpp/units';
import type { BidDirection, MarketProductRules } from '../products/market-product';
import { quantityDownToStep, sellPriceOnTick } from './bid-ticks';
import type { BidLedgerProduct, BuiltBid } from './built-bid';
import { blocksOf, ispIndicesOf, type PlanEconomics } from './plan-economics';
import type { FirmHeadroom, PortfolioDayPlan } from './portfolio-day-plan';

export interface CapacityBidInput {
  readonly plan: PortfolioDayPlan;
  readonly economics: PlanEconomics;
  /** The product's rules for the delivery day (FCR or aFRR capacity). */
  readonly rules: MarketProductRules;
}

/**
 * Whole MW we are sure to have in every ISP of the block: the smallest firm headroom, first cut to
 * the watt as the planner writes ledger availability (so 3999.9999 kW is 3 MW, as the ledger holds
 * 3999.999 kW), then floored to MW.
 */
function firmMw(indices: readonly number[], ...series: ArrayLike<number>[]): number {
  let least = Infinity;
  for (const t of indices) for (const s of series) least = Math.min(least, s[t]);
  if (least === Infinity || least <= 0) return 0;
  return Math.floor(Math.floor(least * 1000) / 1_000_000);
}

function mean(indices: readonly number[], f: (t: number) => number): number {
  return indices.length === 0 ? 0 : indices.reduce((sum, t) => sum + f(t), 0) / indices.length;
}

/**
 * Opportunity cost of holding capacity, EUR per MW and hour, from the plan: holding 1 MW of
 * upward capacity keeps 1 MW of charging in the block's ISPs (costly where the price is above
 * the plan's marginal price, the value of moved energy); holding downward capacity keeps 1 MW of
 * room to charge (costly where the price is below it, where the plan would have charged more).
 * Symmetric FCR holds both. Averaged over the block's ISPs: the energy margin the reservation
 * costs per hour of the block. An upper estimate: it assumes each held MW displaces the plan.
 */
export function capacityOpportunityCost(economics: PlanEconomics, plan: PortfolioDayPlan, indices: readonly number[]): { up: number; down: number } {
  const lambda = economics.marginalPriceEurPerMwh;
  return {
    up: mean(indices, (t) => Math.max(0, plan.pricesEurPerMwh[t] - lambda)),
    down: mean(indices, (t) => Math.max(0, lambda - plan.pricesEurPerMwh[t])),
  };
}

/**
 * FCR (MARKETS.md section 1): one symmetric bid per 4-hour block (3 or 5 h for block 0 on DST
 * days), whole MW: the plan's FCR MW, cut to the firm headroom the aggregation's reserve bands
 * give in *every* ISP of the block, both ways, in the FCR pool and in the pool FCR shares with
 * aFRR. An EV whose P10 departure falls mid-block leaves the band from then on, so it cuts the
 * block. Priced at the opportunity cost (up + down), rounded up to the tick.
 */
export function buildFcrBids(input: CapacityBidInput): BuiltBid[] {
  const { plan, economics, rules } = input;
  const { any, fcr } = plan.firm;
  return blocksOf(plan).flatMap((block, b): BuiltBid[] => {
    const indices = ispIndicesOf(economics, block.start, block.end);
    const planned = plannedOf(plan, block.start, 'fcrMw');
    const firm = firmMw(indices, fcr.upKw, fcr.downKw, any.upKw, any.downKw);
    const mw = quantityDownToStep(Math.min(planned, firm), rules);
    if (mw.isZero()) return [];
    const cost = capacityOpportunityCost(economics, plan, indices);
    return [capacityBid(rules, 'symmetric', block.range, mw, sellPriceOnTick(cost.up + cost.down, rules), 'fcr', indices, economics, {
      block: b,
      plannedMw: planned,
      firmMw: firm,
      opportunityUpEurPerMwH: cost.up,
      opportunityDownEurPerMwH: cost.down,
    })];
  });
}

/**
 * aFRR capacity (MARKETS.md section 2): up and down per block, whole MW: the plan's MW cut to the
 * aFRR pool's firm headroom and to what the shared pool leaves after this block's FCR. Priced at
 * the direction's opportunity cost.
 */
export function buildAfrrCapacityBids(input: CapacityBidInput): BuiltBid[] {
  const { plan, economics, rules } = input;
  const { any, afrr } = plan.firm;
  return blocksOf(plan).flatMap((block, b): BuiltBid[] => {
    const indices = ispIndicesOf(economics, block.start, block.end);
    const fcrMw = Math.min(plannedOf(plan, block.start, 'fcrMw'), firmMw(indices, plan.firm.fcr.upKw, plan.firm.fcr.downKw, any.upKw, any.downKw));
    const cost = capacityOpportunityCost(economics, plan, indices);
    const bids: BuiltBid[] = [];
    for (const direction of ['up', 'down'] as const) {
      const own: FirmHeadroom['upKw'] = direction === 'up' ? afrr.upKw : afrr.downKw;
      const shared = direction === 'up' ? any.upKw : any.downKw;
      const planned = plannedOf(plan, block.start, direction === 'up' ? 'afrrUpMw' : 'afrrDownMw');
      const firm = Math.min(firmMw(indices, own), Math.max(0, firmMw(indices, shared) - fcrMw));
      const mw = quantityDownToStep(Math.min(planned, firm), rules);
      if (mw.isZero()) continue;
      const price = sellPriceOnTick(direction === 'up' ? cost.up : cost.down, rules);
      bids.push(capacityBid(rules, direction, block.range, mw, price, direction === 'up' ? 'afrr_up' : 'afrr_down', indices, economics, {
        block: b,
        plannedMw: planned,
        firmMw: firm,
        fcrInBlockMw: fcrMw,
        opportunityEurPerMwH: direction === 'up' ? cost.up : cost.down,
      }));
    }
    return bids;
  });
}

function plannedOf(plan: PortfolioDayPlan, blockStart: Date, field: 'fcrMw' | 'afrrUpMw' | 'afrrDownMw'): number {
  const planned = plan.reserves.find((r) => r.block.start.getTime() === blockStart.getTime());
  return planned ? Math.max(0, planned[field]) : 0;
}

function capacityBid(
  rules: MarketProductRules,
  direction: BidDirection,
  period: BuiltBid['draft']['period'],
  mw: Decimal,
  price: Decimal,
  product: BidLedgerProduct,
  indices: readonly number[],
  economics: PlanEconomics,
  basis: Record<string, number>,
): BuiltBid {
  return {
    draft: { market: rules.market, productCode: rules.productCode, direction, period, points: [{ quantityMw: mw, price }] },
    variant: '',
    reservation: { product, isps: indices.map((t) => ({ ispStart: economics.isps[t].start, kw: mw.times(1000) })) },
    basis: { ...basis, marginalPriceEurPerMwh: economics.marginalPriceEurPerMwh, rounding: 'MW down to the step, price up to the tick' },
  };
}
