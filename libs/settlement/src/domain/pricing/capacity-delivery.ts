import { Decimal, PowerMw, PriceEurPerMwPerHour, TimeRange } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { SettlementBasis, SettlementMarket } from '../settlement-vocabulary';
import type { PricedLine } from './priced-line';

/** One awarded capacity block (FCR or one aFRR direction) and what the portfolio kept available in it. */
export interface CapacityBlockDelivery {
  /** The block (`Block.range`): its length in hours is the paid duration (3, 4 or 5 h on DST days). */
  readonly period: TimeRange;
  readonly awardedMw: PowerMw;
  readonly priceEurPerMwPerHour: PriceEurPerMwPerHour;
  /** Capacity the pool could deliver in each ISP of the block (for FCR: the smaller of up and down headroom). */
  readonly availableMwPerIsp: readonly PowerMw[];
  readonly basis: SettlementBasis;
  /** Labels of the award (e.g. `FCR price ASSUMED`): they travel onto the statement lines. */
  readonly labels?: readonly string[];
}

/**
 * The delivered share of a block: the ISP average of min(available, awarded) / awarded, in [0, 1].
 * MARKETS.md 1 says under-delivery cuts the capacity payment pro rata; measuring delivery as the
 * ISP-average availability is our rule (ASSUMED; the TSO's own measurement may differ).
 */
export function deliveredShare(block: CapacityBlockDelivery): Decimal {
  if (block.availableMwPerIsp.length === 0) {
    throw new SettlementError('SETTLEMENT_INPUT_INVALID', `no availability for the block ${block.period.toString()}`);
  }
  if (block.awardedMw.isZero()) return new Decimal(1);
  const delivered = block.availableMwPerIsp.reduce((sum, available) => {
    const capped = available.greaterThan(block.awardedMw) ? block.awardedMw : available.isNegative() ? PowerMw.zero() : available;
    return sum.plus(capped.value);
  }, new Decimal(0));
  return delivered.dividedBy(block.awardedMw.value.times(block.availableMwPerIsp.length));
}

export const CAPACITY_DELIVERY_ASSUMPTION = 'ASSUMED: capacity delivery share = ISP average of min(available, awarded) MW';

/**
 * Capacity payment MW x EUR/MW/h x hours (MARKETS.md 1, regelleistung.net FAQ), and, when the
 * block was under-delivered, a negative cut line of payment x (1 - delivered share).
 */
export function priceCapacityBlock(
  market: SettlementMarket,
  kind: string,
  block: CapacityBlockDelivery,
  assumptions: readonly string[],
): PricedLine[] {
  const payment = block.awardedMw.timesCapacityPrice(block.priceEurPerMwPerHour, block.period);
  const mwHours = block.awardedMw.value.times(block.period.durationHours);
  const shared = { market, period: block.period, basis: block.basis, unit: 'MW·h' };
  const labelled = [...assumptions, ...(block.labels ?? [])];
  const lines: PricedLine[] = [{ ...shared, kind, amount: payment, quantity: mwHours, assumptions: labelled }];
  const share = deliveredShare(block);
  if (share.lessThan(1)) {
    const missing = new Decimal(1).minus(share);
    lines.push({
      ...shared,
      kind: `${kind}-under-delivery`,
      amount: payment.multiply(missing).negate(),
      quantity: mwHours.times(missing).negated(),
      assumptions: [...labelled, CAPACITY_DELIVERY_ASSUMPTION],
    });
  }
  return lines;
}
