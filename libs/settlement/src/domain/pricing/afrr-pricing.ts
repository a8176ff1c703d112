import { EnergyMwh, Isp, PriceEurPerMwh } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { SettlementBasis } from '../settlement-vocabulary';
import type { CapacityBlockDelivery } from './capacity-delivery';
import { priceCapacityBlock } from './capacity-delivery';
import type { PricedLine } from './priced-line';

export type AfrrDirection = 'up' | 'down';

export interface AfrrCapacityBlock extends CapacityBlockDelivery {
  readonly direction: AfrrDirection;
}

/** Activated aFRR energy of one ISP, both directions as non-negative magnitudes. */
export interface AfrrActivatedIsp {
  readonly isp: Isp;
  readonly upMwh: EnergyMwh;
  readonly downMwh: EnergyMwh;
  /** Cross-border marginal prices of the ISP (MARKETS.md 2), signed. */
  readonly upPriceEurPerMwh: PriceEurPerMwh;
  readonly downPriceEurPerMwh: PriceEurPerMwh;
  readonly basis: SettlementBasis;
  /** Labels of the energy price's source and of the delivery measurement; they travel onto the lines. */
  readonly labels?: readonly string[];
}

export const AFRR_PENALTY_ASSUMPTION = 'UNVERIFIED: NL aFRR non-delivery rule (MARKETS.md 2); pro-rata capacity cut applied';

/**
 * aFRR capacity, per block and direction: MW x EUR/MW/h x hours with the pro-rata cut of FCR
 * (the NL rule is UNVERIFIED, so the lines say so). Lines `afrr-capacity-up|down` (+) and
 * `afrr-capacity-up|down-under-delivery` (-).
 */
export function priceAfrrCapacity(blocks: readonly AfrrCapacityBlock[]): PricedLine[] {
  return blocks.flatMap((block) => priceCapacityBlock('afrr', `afrr-capacity-${block.direction}`, block, [AFRR_PENALTY_ASSUMPTION]));
}

/**
 * aFRR activated energy, per ISP: MWh x price. Sign convention (the TSO's, MARKETS.md 2): for
 * upward energy (the pool consumes less or injects) the TSO pays the BSP `up price x MWh`; for
 * downward energy (the pool consumes more) the BSP pays the TSO `down price x MWh`. A negative
 * price turns either payment round. Lines `afrr-energy-up` (+ at a positive price) and
 * `afrr-energy-down` (- at a positive price); ISPs without activation give no line.
 */
export function priceAfrrEnergy(isps: readonly AfrrActivatedIsp[]): PricedLine[] {
  return isps.flatMap((entry) => {
    if (entry.upMwh.isNegative() || entry.downMwh.isNegative()) {
      throw new SettlementError('SETTLEMENT_INPUT_INVALID', `aFRR energy of ISP ${entry.isp.toString()} must be given as non-negative magnitudes`);
    }
    const shared = { market: 'afrr' as const, period: entry.isp.range, basis: entry.basis, unit: 'MWh', assumptions: [...(entry.labels ?? [])] };
    const lines: PricedLine[] = [];
    if (!entry.upMwh.isZero()) {
      lines.push({ ...shared, kind: 'afrr-energy-up', amount: entry.upMwh.timesPrice(entry.upPriceEurPerMwh), quantity: entry.upMwh.value });
    }
    if (!entry.downMwh.isZero()) {
      lines.push({
        ...shared,
        kind: 'afrr-energy-down',
        amount: entry.downMwh.timesPrice(entry.downPriceEurPerMwh).negate(),
        quantity: entry.downMwh.value,
      });
    }
    return lines;
  });
}
