import type { FirmHeadroom } from './portfolio-day-plan';

/** The shape of a reserve band (`aggregatePortfolio(...).reserveBands.<pool>` in @vpp/flexibility). */
export interface FirmBandShape {
  readonly maxPowerKw: ArrayLike<number>;
  readonly minPowerKw: ArrayLike<number>;
  readonly firmShare: ArrayLike<number>;
}

/**
 * Firm headroom around a schedule, the rule coOptimiseReserves plans with: only the pool's firm
 * share `a` of the schedule can be changed, so up = a*P - firm min and down = firm max - a*P
 * (never below 0).
 */
export function firmHeadroomFromBand(band: FirmBandShape, plannedKw: ArrayLike<number>): FirmHeadroom {
  const n = plannedKw.length;
  const upKw = new Float64Array(n);
  const downKw = new Float64Array(n);
  for (let t = 0; t < n; t += 1) {
    const scheduled = band.firmShare[t] * plannedKw[t];
    upKw[t] = Math.max(0, scheduled - band.minPowerKw[t]);
    downKw[t] = Math.max(0, band.maxPowerKw[t] - scheduled);
  }
  return { upKw, downKw };
}
