import { Decimal } from '@vpp/units';

export const AFRR_ENERGY_STAND_IN_LABEL =
  'aFRR energy activation price DERIVED: the NL imbalance price of the ISP stands in (up = short price, down = long price; no public aFRR energy prices or activations in the data)';

/** The stand-in activation prices of one ISP, EUR/MWh. */
export interface AfrrEnergyActivationPrice {
  readonly ispStart: Date;
  readonly upEurPerMwh: Decimal;
  readonly downEurPerMwh: Decimal;
  /** Where the price came from (file, and the day it was moved from if derived): goes into the award's labels. */
  readonly source: string;
}

export interface EnergyClearing {
  readonly quantityMw: Decimal;
  readonly price: Decimal;
  readonly labels: readonly string[];
}

const ZERO = new Decimal(0);

/**
 * aFRR energy, pay-as-cleared against the ISP's activation price (the stand-in): an up bid (we are
 * paid to consume less) is activated whole when its price is at or below the up price, a down bid
 * (we pay to consume more) when its price is at or above the down price; both are paid the
 * activation price. With one price both ways (NL single pricing) an up bid priced above a down bid
 * can never both clear in one ISP.
 */
export function clearAfrrEnergy(bid: { direction: 'up' | 'down'; quantityMw: Decimal; price: Decimal }, activation: AfrrEnergyActivationPrice): EnergyClearing {
  const price = bid.direction === 'up' ? activation.upEurPerMwh : activation.downEurPerMwh;
  const accepted = bid.direction === 'up' ? bid.price.lessThanOrEqualTo(price) : bid.price.greaterThanOrEqualTo(price);
  return { quantityMw: accepted ? bid.quantityMw : ZERO, price, labels: [AFRR_ENERGY_STAND_IN_LABEL, `source: ${activation.source}`] };
}
