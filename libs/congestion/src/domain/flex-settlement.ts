import { Decimal } from '@vpp/units';

/** One ISP of a FlexOrderSettlement (UFTP-agr-dso.xsd FlexOrderSettlementISPType), whole watts. */
export interface FlexOrderSettlementIsp {
  readonly start: number;
  readonly duration: number;
  readonly baselinePower: number;
  readonly orderedFlexPower: number;
  readonly actualPower: number;
  readonly deliveredFlexPower: number;
  readonly powerDeficiency: number;
}

/**
 * What issue 7 (delivered flex from meter data against the baseline) hands over per order: the
 * per-ISP figures and the penalty it computed. We only assemble and store the settlement line.
 */
export interface DeliveredFlex {
  readonly isps: readonly FlexOrderSettlementIsp[];
  readonly penalty: Decimal;
  readonly knownAt: Date;
}

/** NetSettlement = Price - Penalty (UFTP FlexOrderSettlementType). */
export function netSettlement(price: Decimal, penalty: Decimal): Decimal {
  return price.minus(penalty);
}
