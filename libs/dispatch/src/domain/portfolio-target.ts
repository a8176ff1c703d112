import { DEFAULT_FCR_DROOP, FcrDroopConfig, fcrDroopUpKw } from './fcr-droop';

/** Active obligations of one portfolio at one instant; kW floats (control signals). */
export interface PortfolioObligations {
  /** Latest valid aFRR setpoint, kW; positive = up = less consumption. 0 when none is active. */
  readonly afrrSetpointKw: number;
  /** FCR capacity awarded for the current block, kW (0 = none). */
  readonly fcrContractedKw: number;
  /** Latest frequency sample, Hz; null when FCR is not awarded or no sample is fresh. */
  readonly frequencyHz: number | null;
  /** Correction to meet the day-ahead/intraday position this ISP, kW; positive = more consumption. */
  readonly positionCorrectionKw: number;
}

export const NO_OBLIGATIONS: PortfolioObligations = { afrrSetpointKw: 0, fcrContractedKw: 0, frequencyHz: null, positionCorrectionKw: 0 };

/** The fleet's consumption target and its parts, kW. Congestion orders act as site caps (DispatchSites), not here. */
export interface PortfolioTarget {
  readonly baselineKw: number;
  readonly afrrUpKw: number;
  readonly fcrUpKw: number;
  readonly positionCorrectionKw: number;
  /** Consumption the fleet should draw: baseline - aFRR up - FCR up + position correction. */
  readonly targetKw: number;
  /** Requested deviation from baseline (targetKw - baselineKw); positive = more consumption (down-regulation). */
  readonly obligationKw: number;
}

/** Sum of the scheduled power of the slots in use. */
export function fleetBaselineKw(baselineKw: Float64Array, active: Uint8Array, slotCount: number): number {
  let sum = 0;
  for (let i = 0; i < slotCount; i++) if (active[i] === 1) sum += baselineKw[i];
  return sum;
}

export function portfolioTarget(baselineKw: number, obligations: PortfolioObligations, droop: FcrDroopConfig = DEFAULT_FCR_DROOP): PortfolioTarget {
  const fcrUpKw = obligations.frequencyHz === null ? 0 : fcrDroopUpKw(obligations.frequencyHz, obligations.fcrContractedKw, droop);
  const obligationKw = -obligations.afrrSetpointKw - fcrUpKw + obligations.positionCorrectionKw;
  return {
    baselineKw,
    afrrUpKw: obligations.afrrSetpointKw,
    fcrUpKw,
    positionCorrectionKw: obligations.positionCorrectionKw,
    targetKw: baselineKw + obligationKw,
    obligationKw,
  };
}
