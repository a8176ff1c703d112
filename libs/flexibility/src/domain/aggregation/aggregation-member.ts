import type { FlexibilityEnvelope } from '../flexibility-envelope';

/**
 * Reserve products a member may serve. Which ones follows from its control channel
 * (ARCHITECTURE.md section 2): aFRR needs full activation within 5 minutes (MARKETS.md section 2),
 * FCR within 30 s (section 1). V2G (discharge) comes from the envelope itself.
 */
export const RESERVE_PRODUCTS = ['fcr', 'afrr'] as const;
export type ReserveProduct = (typeof RESERVE_PRODUCTS)[number];

/**
 * Pools a reserve band is computed for: `any` = members eligible for at least one product (what
 * FCR and aFRR share), then one pool per product.
 */
export const RESERVE_POOLS = ['any', 'fcr', 'afrr'] as const;
export type ReservePool = (typeof RESERVE_POOLS)[number];

/**
 * When the EV leaves. The plan uses the expected departure (the envelope is built on it); reserves
 * never count on the EV after its P10 departure (issue 4, item 3), and before it with the
 * probability the departure distribution gives.
 */
export interface DepartureDistribution {
  readonly expected: Date;
  /** 10 % of such sessions have left by then; not after `expected`. */
  readonly p10: Date;
}

/** One session (or forecast cohort) in a portfolio. */
export interface AggregationMember {
  readonly id: string;
  /** Built on the expected arrival and departure; must not start before the aggregation horizon. */
  readonly envelope: FlexibilityEnvelope;
  readonly departure: DepartureDistribution;
  /**
   * Expected number of EVs this member stands for: 1 (default) for a known session, the expected
   * count for a forecast cohort of sessions that have not arrived yet.
   */
  readonly weight?: number;
  /**
   * Probability that the EV is there at all (arrival uncertainty of a forecast session), one value
   * or one per envelope ISP; 1 (default) for a session that has arrived.
   */
  readonly arrivalProbability?: number | ArrayLike<number>;
  readonly eligibleProducts: readonly ReserveProduct[];
  /**
   * Schedule the reserve is measured from, kW per envelope ISP (upward = less than it, downward =
   * more). Default: uncontrolled charging (the envelope's earliest trajectory), the default
   * baseline of ARCHITECTURE.md section 2.
   */
  readonly referencePowerKw?: ArrayLike<number>;
}

export class AggregationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregationError';
  }
}
