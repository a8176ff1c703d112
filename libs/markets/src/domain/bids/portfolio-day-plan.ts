import type { Block, DeliveryDay } from '@vpp/units';

/** Firm headroom of one reserve pool around the plan's schedule, kW per ISP of the day (>= 0). */
export interface FirmHeadroom {
  /** Power we are sure we can give by consuming less or discharging more than planned. */
  readonly upKw: ArrayLike<number>;
  /** Power we are sure we can take by consuming more than planned. */
  readonly downKw: ArrayLike<number>;
}

/** The reserve the plan co-optimised for one 4-hour block (whole MW, from coOptimiseReserves). */
export interface PlannedBlockReserves {
  readonly block: Block;
  readonly fcrMw: number;
  readonly afrrUpMw: number;
  readonly afrrDownMw: number;
}

/**
 * Where a bid's inputs came from, stored with every bid (issue 5: "stored with the inputs it was
 * built from and known_at"). `assumptions` lists everything assumed; it is repeated in every output.
 */
export interface PlanProvenance {
  /** The stored plan run (libs/flexibility planning), or null when built from in-memory outputs. */
  readonly planRunId: string | null;
  /** Identifies the aggregation the plan used (e.g. member count + confidence + method). */
  readonly aggregateVersion: string;
  /** When the plan's inputs were known: the bids' known_at. */
  readonly knownAt: Date;
  /** Where the prices came from (real day-ahead, naive forecast, ...). */
  readonly priceSource: string;
  readonly assumptions: readonly string[];
}

/**
 * A portfolio's day-ahead plan as the bid builders take it: plain float64 per ISP of the delivery
 * day (92/96/100 values, positive = charging), independent of how the plan is stored.
 */
export interface PortfolioDayPlan {
  readonly portfolioId: string;
  readonly day: DeliveryDay;
  /** Planned net power of the portfolio per ISP, kW. */
  readonly plannedKw: ArrayLike<number>;
  /** The virtual battery's power band, kW (expected view). */
  readonly batteryMinKw: ArrayLike<number>;
  readonly batteryMaxKw: ArrayLike<number>;
  /** Lower bound of cumulative stored kWh (everyone charging just in time), end of each ISP. */
  readonly latestEnergyKwh: ArrayLike<number>;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly degradationCostEurPerKwh: number;
  /** The day-ahead prices the plan was made with, EUR/MWh per ISP. */
  readonly pricesEurPerMwh: ArrayLike<number>;
  /** Firm headroom around the schedule (aggregation's reserve bands at the reserve confidence). */
  readonly firm: { readonly any: FirmHeadroom; readonly fcr: FirmHeadroom; readonly afrr: FirmHeadroom };
  readonly reserves: readonly PlannedBlockReserves[];
  readonly provenance: PlanProvenance;
}
