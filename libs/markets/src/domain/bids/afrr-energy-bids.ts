import { Block, Decimal, type TimeRange } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';
import { buyPriceOnTick, quantityDownToStep, sellPriceOnTick } from './bid-ticks';
import type { BuiltBid } from './built-bid';
import type { PlanEconomics } from './plan-economics';
import type { PortfolioDayPlan } from './portfolio-day-plan';

/**
 * Price steps above the marginal cost, EUR/MWh: deeper activation is offered dearer, because it
 * pushes the plan further from its optimum. ASSUMED values (no public source), named in every
 * bid's inputs.
 */
export const AFRR_ENERGY_LADDER_PREMIUMS_EUR_PER_MWH = [0, 25, 75] as const;

export interface AfrrEnergyBidInput {
  readonly plan: PortfolioDayPlan;
  readonly economics: PlanEconomics;
  /** The aFRR energy rules of the period (one version can end mid-day). */
  readonly rulesFor: (periodStart: Date) => MarketProductRules;
  /** aFRR capacity MW offered per block (the capacity bids): energy bids offer exactly that. */
  readonly capacityMw: (blockStart: Date, direction: 'up' | 'down') => Decimal;
  /** Only the MTUs inside this range (the gate's period); the whole day when absent. */
  readonly within?: TimeRange;
}

/**
 * aFRR energy (MARKETS.md section 2): per 15-minute product and direction, the block's capacity
 * as a ladder of up to three one-point bids (whole MW; the product takes one point per bid).
 * Up (consume less now) costs re-buying that energy later at the plan's marginal price plus the
 * round-trip degradation, so up steps ask that plus the premium; down (consume more now) is worth
 * at most the marginal price, so down steps offer that minus the premium. The capacity bid
 * already holds the kW in the ledger, so energy bids reserve nothing new.
 */
export function buildAfrrEnergyBids(input: AfrrEnergyBidInput): BuiltBid[] {
  const { economics } = input;
  const lambda = economics.marginalPriceEurPerMwh;
  const bids: BuiltBid[] = [];
  for (const isp of economics.isps) {
    if (input.within && !(input.within.encloses(isp.range))) continue;
    const rules = input.rulesFor(isp.start);
    const blockStart = Block.containing(isp.start).start;
    for (const direction of ['up', 'down'] as const) {
      const total = quantityDownToStep(input.capacityMw(blockStart, direction), rules);
      const sizes = ladderSizes(total, rules);
      sizes.forEach((mw, step) => {
        const premium = AFRR_ENERGY_LADDER_PREMIUMS_EUR_PER_MWH[step];
        const price = direction === 'up' ? sellPriceOnTick(lambda + economics.roundTripDegradationEurPerMwh + premium, rules) : buyPriceOnTick(lambda - premium, rules);
        bids.push({
          draft: { market: rules.market, productCode: rules.productCode, direction, period: isp.range, points: [{ quantityMw: mw, price }] },
          variant: `step${step + 1}`,
          reservation: null,
          basis: {
            marginalPriceEurPerMwh: lambda,
            premiumEurPerMwh: premium,
            premiumAssumed: true,
            ladderStep: step + 1,
            capacityMw: total.toFixed(),
            rounding: direction === 'up' ? 'price up to the tick (we are paid)' : 'price down to the tick (we pay)',
          },
        });
      });
    }
  }
  return bids;
}

/** Splits a quantity into up to as many steps as there are premiums, each a whole number of quantity steps (the first ones larger). */
export function ladderSizes(total: Decimal, rules: MarketProductRules): Decimal[] {
  const step = rules.quantityStepMw ?? new Decimal(1);
  const units = total.dividedToIntegerBy(step);
  if (units.isZero()) return [];
  const minimum = rules.minQuantityMw ?? step;
  const minimumUnits = Decimal.max(1, minimum.dividedBy(step).ceil());
  const parts = Decimal.min(AFRR_ENERGY_LADDER_PREMIUMS_EUR_PER_MWH.length, units.dividedToIntegerBy(minimumUnits));
  if (parts.isZero()) return [];
  const base = units.dividedToIntegerBy(parts);
  const remainder = units.minus(base.times(parts));
  const count = AFRR_ENERGY_LADDER_PREMIUMS_EUR_PER_MWH.filter((_, k) => parts.greaterThan(k)).length;
  return Array.from({ length: count }, (_, k) => base.plus(remainder.greaterThan(k) ? 1 : 0).times(step));
}
