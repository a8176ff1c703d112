import type { AfrrActivatedIsp, AfrrCapacityBlock } from './afrr-pricing';
import { priceAfrrCapacity, priceAfrrEnergy } from './afrr-pricing';
import type { CapacityBlockDelivery } from './capacity-delivery';
import type { DayAheadMtu } from './day-ahead-pricing';
import { priceDayAhead } from './day-ahead-pricing';
import { priceFcr } from './fcr-pricing';
import type { IdconsOrderIsp, IdconsPenaltyRule } from './idcons-pricing';
import { DEFAULT_IDCONS_PENALTY_RULE, priceIdcons } from './idcons-pricing';
import type { TransferPriceRule, TransferredEnergyIsp } from './imbalance-adjustment-pricing';
import { priceImbalanceAdjustment } from './imbalance-adjustment-pricing';
import type { PricedLine } from './priced-line';
import type { FlexOrderDelivery, FlexOrderPenaltyRule } from './uftp-pricing';
import { DEFAULT_FLEX_ORDER_PENALTY_RULE, priceFlexOrders } from './uftp-pricing';

/** Everything the markets settle for one portfolio (or fleet) and period; absent markets pay nothing. */
export interface MarketDeliveries {
  readonly fcr?: readonly CapacityBlockDelivery[];
  readonly afrrCapacity?: readonly AfrrCapacityBlock[];
  readonly afrrEnergy?: readonly AfrrActivatedIsp[];
  readonly dayAhead?: readonly DayAheadMtu[];
  readonly idcons?: { readonly orders: readonly IdconsOrderIsp[]; readonly penaltyRule?: IdconsPenaltyRule };
  readonly uftp?: { readonly orders: readonly FlexOrderDelivery[]; readonly penaltyRule?: FlexOrderPenaltyRule };
  readonly imbalance?: { readonly isps: readonly TransferredEnergyIsp[]; readonly transferPriceRule: TransferPriceRule };
}

/**
 * Prices every market with the same functions for a live estimate during the day and the final
 * statement (issue 7 item 2); the result is unrounded, in a fixed market order.
 */
export function priceMarkets(deliveries: MarketDeliveries): PricedLine[] {
  return [
    ...priceFcr(deliveries.fcr ?? []),
    ...priceAfrrCapacity(deliveries.afrrCapacity ?? []),
    ...priceAfrrEnergy(deliveries.afrrEnergy ?? []),
    ...priceDayAhead(deliveries.dayAhead ?? []),
    ...priceIdcons(deliveries.idcons?.orders ?? [], deliveries.idcons?.penaltyRule ?? DEFAULT_IDCONS_PENALTY_RULE),
    ...priceFlexOrders(deliveries.uftp?.orders ?? [], deliveries.uftp?.penaltyRule ?? DEFAULT_FLEX_ORDER_PENALTY_RULE),
    ...(deliveries.imbalance ? priceImbalanceAdjustment(deliveries.imbalance.isps, deliveries.imbalance.transferPriceRule) : []),
  ];
}
