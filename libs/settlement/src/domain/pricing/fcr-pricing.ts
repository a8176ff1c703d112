import type { CapacityBlockDelivery } from './capacity-delivery';
import { priceCapacityBlock } from './capacity-delivery';
import type { PricedLine } from './priced-line';

/**
 * FCR pays capacity only (MARKETS.md 1: activated energy is not paid separately): per block
 * awarded MW x EUR/MW/h x block hours, cut pro rata for under-delivery (see `deliveredShare`).
 * Lines: `fcr-capacity` (+) and, if under-delivered, `fcr-capacity-under-delivery` (-).
 */
export function priceFcr(blocks: readonly CapacityBlockDelivery[]): PricedLine[] {
  return blocks.flatMap((block) => priceCapacityBlock('fcr', 'fcr-capacity', block, []));
}
