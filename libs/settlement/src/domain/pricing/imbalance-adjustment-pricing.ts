import { EnergyMwh, Isp, PriceEurPerMwh } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { SettlementBasis } from '../settlement-vocabulary';
import type { PricedLine } from './priced-line';

/**
 * The price of energy transferred between the aggregator and the BRP of the connections it
 * activated (NL "onbalansaanpassing", MARKETS.md 6; the text of Netcode art. 10.25(7) is
 * UNVERIFIED, so the rule is configured and every line says ASSUMED):
 * - `fixed`: one contracted EUR/MWh;
 * - `day-ahead`: the ISP's day-ahead price;
 * - `imbalance`: the ISP's imbalance price.
 */
export type TransferPriceRule =
  | { readonly kind: 'fixed'; readonly priceEurPerMwh: PriceEurPerMwh }
  | { readonly kind: 'day-ahead' }
  | { readonly kind: 'imbalance' };

export const TRANSFER_PRICE_ASSUMPTION = 'ASSUMED: BRP imbalance adjustment transfer price rule (Netcode 10.25(7) UNVERIFIED)';

/** Energy moved out of (+) or into (-) the BRP's position by our activations in one ISP. */
export interface TransferredEnergyIsp {
  readonly isp: Isp;
  /**
   * Activation volume: + for upward activation (the BRP's customers used less than it sourced,
   * and that energy went to the TSO or the grid operator), - for downward activation.
   */
  readonly transferredMwh: EnergyMwh;
  readonly dayAheadPriceEurPerMwh?: PriceEurPerMwh;
  readonly imbalancePriceEurPerMwh?: PriceEurPerMwh;
  readonly basis: SettlementBasis;
  /** Labels of the activation measurement; they travel onto the line. */
  readonly labels?: readonly string[];
}

/**
 * Imbalance adjustment: the BRP's position is corrected by the activated volume, and the
 * aggregator compensates the BRP for the energy it sourced and we sold: line
 * `imbalance-transfer` = -(transferred MWh x transfer price) per ISP (a cost for upward
 * activation at a positive price, a credit for downward activation).
 */
export function priceImbalanceAdjustment(isps: readonly TransferredEnergyIsp[], rule: TransferPriceRule): PricedLine[] {
  return isps
    .filter((entry) => !entry.transferredMwh.isZero())
    .map((entry) => ({
      market: 'imbalance' as const,
      kind: 'imbalance-transfer',
      period: entry.isp.range,
      amount: entry.transferredMwh.timesPrice(transferPrice(entry, rule)).negate(),
      quantity: entry.transferredMwh.value,
      unit: 'MWh',
      basis: entry.basis,
      assumptions: [TRANSFER_PRICE_ASSUMPTION, ...(entry.labels ?? [])],
    }));
}

function transferPrice(entry: TransferredEnergyIsp, rule: TransferPriceRule): PriceEurPerMwh {
  const price =
    rule.kind === 'fixed' ? rule.priceEurPerMwh : rule.kind === 'day-ahead' ? entry.dayAheadPriceEurPerMwh : entry.imbalancePriceEurPerMwh;
  if (price === undefined) {
    // A missing price is never read as zero (issue 7: the job waits and alerts).
    throw new SettlementError('SETTLEMENT_PRICE_MISSING', `no ${rule.kind} price for ISP ${entry.isp.toString()}`);
  }
  return price;
}

