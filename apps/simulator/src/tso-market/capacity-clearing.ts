import { Block, Decimal } from '@vpp/units';

export const AFRR_DE_DATA_LABEL = 'DE auction data used for NL (regelleistung.net aFRR marginal capacity price per block)';
export const FCR_ASSUMED_LABEL = 'FCR clearing price ASSUMED (configured series GATEWAYS_SIM_FCR_PRICES_EUR_PER_MW_H; no FCR auction results in the data)';

export interface CapacityClearing {
  readonly quantityMw: Decimal;
  /** The price paid: the bid's own (pay-as-bid) or the clearing price (pay-as-cleared). */
  readonly price: Decimal;
  readonly pricing: 'pay-as-bid' | 'pay-as-cleared';
  readonly labels: readonly string[];
}

const ZERO = new Decimal(0);

/** aFRR capacity, pay-as-bid: accepted whole when the bid price is at or below the block's marginal price. */
export function clearAfrrCapacity(bid: { quantityMw: Decimal; price: Decimal }, marginalEurPerMwH: Decimal): CapacityClearing {
  const accepted = bid.price.lessThanOrEqualTo(marginalEurPerMwH);
  return { quantityMw: accepted ? bid.quantityMw : ZERO, price: bid.price, pricing: 'pay-as-bid', labels: [AFRR_DE_DATA_LABEL] };
}

/** FCR, pay-as-cleared: accepted whole when the bid price is at or below the (assumed) clearing price, paid that price. */
export function clearFcr(bid: { quantityMw: Decimal; price: Decimal }, clearingEurPerMwH: Decimal): CapacityClearing {
  const accepted = bid.price.lessThanOrEqualTo(clearingEurPerMwH);
  return { quantityMw: accepted ? bid.quantityMw : ZERO, price: clearingEurPerMwH, pricing: 'pay-as-cleared', labels: [FCR_ASSUMED_LABEL] };
}

/** The configured FCR price of the block starting at `start` (one price per local block 00-04 .. 20-24). */
export function fcrPriceOfBlock(prices: readonly Decimal[], start: Date): Decimal | undefined {
  const block = Block.containing(start);
  return block.start.getTime() === start.getTime() ? prices[block.index] : undefined;
}
