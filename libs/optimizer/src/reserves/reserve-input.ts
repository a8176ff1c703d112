import type { DeliveryDay, Isp } from '@vpp/units';

/**
 * The virtual battery the co-optimisation plans (expected view): what
 * `aggregatePortfolio(...).battery` in @vpp/flexibility produces, restated here so the optimiser
 * depends on shapes, not on the flexibility library. kW, stored kWh, ISP averages, positive = charging.
 */
export interface ReserveBattery {
  readonly isps: readonly Isp[];
  readonly minPowerKw: ArrayLike<number>;
  readonly maxPowerKw: ArrayLike<number>;
  /** Upper bound of cumulative stored kWh charged since the day start, end of each ISP. */
  readonly earliestEnergyKwh: ArrayLike<number>;
  /** Lower bound of the same. */
  readonly latestEnergyKwh: ArrayLike<number>;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly degradationCostEurPerKwh: number;
}

/** What a product can count on at the reserve confidence (`aggregatePortfolio(...).reserveBands`). */
export interface ReserveBandInput {
  readonly maxPowerKw: ArrayLike<number>;
  readonly minPowerKw: ArrayLike<number>;
  /** Share of the portfolio schedule on this pool's firm members (0..1). */
  readonly firmShare: ArrayLike<number>;
}

/** Capacity prices of one 4-hour block, EUR/MW/h (label assumed prices as assumed where used). */
export interface BlockCapacityPrices {
  readonly fcrEurPerMwH: number;
  readonly afrrUpEurPerMwH: number;
  readonly afrrDownEurPerMwH: number;
}

export interface ReserveCoOptimisationInput {
  readonly day: DeliveryDay;
  readonly battery: ReserveBattery;
  /** `any` bounds FCR and aFRR together; `fcr` and `afrr` each product's eligible members. */
  readonly bands: { readonly any: ReserveBandInput; readonly fcr: ReserveBandInput; readonly afrr: ReserveBandInput };
  /** Forecast day-ahead price per ISP of the day, EUR/MWh. */
  readonly dayAheadPriceEurPerMwh: ArrayLike<number>;
  /** One per block of the day (6). */
  readonly blockPrices: readonly BlockCapacityPrices[];
  /**
   * Limited energy reservoir: minutes of full FCR activation, in either direction, the energy must
   * hold at every moment (MARKETS.md section 1: 15 by default, 30 configurable).
   */
  readonly fcrLerMinutes?: number;
  /**
   * Minutes of full aFRR activation the energy must hold: one full ISP by default. An assumption:
   * aFRR is activated per 15-minute MTU (MARKETS.md section 2) and the plan is re-made each ISP,
   * so one ISP of full activation is what must fit before the plan can react.
   */
  readonly afrrActivationMinutes?: number;
  /** Prequalified (or otherwise capped) MW per product; unlimited when absent. */
  readonly maxMw?: { readonly fcr?: number; readonly afrrUp?: number; readonly afrrDown?: number };
  /** Solver wall-clock limit for the MILP, seconds (default 10). */
  readonly timeLimitS?: number;
}

export class ReserveModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReserveModelError';
  }
}
