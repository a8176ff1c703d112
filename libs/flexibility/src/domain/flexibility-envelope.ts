import { Isp } from '@vpp/units';

/**
 * Flexibility envelope of one session (ARCHITECTURE.md section 2): per ISP of its dwell, the
 * power band and the cumulative energy bounds that still deliver the need by departure.
 *
 * Optimisation input, so float64 and typed arrays (units in every name). Sign convention at the
 * grid meter: positive = charging, negative = discharging (V2G). Powers are ISP averages: an ISP
 * the EV is present for only part of has its band scaled by the present fraction.
 *
 * Energies are cumulative *stored* energy in the battery since arrival, in kWh: charging at
 * grid power P for h hours adds P x h x chargeEfficiency; discharging at grid power -P removes
 * P x h / dischargeEfficiency. The need is given as metered kWh (what sessions record) and
 * stored as need x chargeEfficiency.
 */

/**
 * One-way efficiencies: the symmetric split sqrt(0.870) = 0.93274 (4 digits: 0.9327) of the
 * 87.0 % mean V2G round trip (Schram et al., Utrecht Univ./ElaadNL; MARKETS.md section 7,
 * measured at 3x16 A between 25-75 % SoC; lower at low current and in the cold). Same value as
 * baseline.ts DEFAULT_CHARGE_EFFICIENCY (Decimal there, float64 here).
 */
export const DEFAULT_CHARGE_EFFICIENCY_F64 = 0.9327;
export const DEFAULT_DISCHARGE_EFFICIENCY_F64 = 0.9327;

const ISP_HOURS = 0.25;
const MS_PER_HOUR = 3_600_000;

export interface EnvelopeBattery {
  readonly capacityKwh: number;
  /** 0..1 */
  readonly arrivalSoc: number;
}

export interface EnvelopeV2g {
  /** Discharge limit of the EV, kW (positive number). */
  readonly evMaxDischargeKw: number;
  /** Discharge limit of the EVSE, kW (positive number). */
  readonly evseMaxDischargeKw: number;
  /** The driver's minimum SoC, 0..1: the battery never goes below it. */
  readonly minSoc: number;
}

export interface FlexibilityEnvelopeInput {
  readonly arrival: Date;
  readonly departure: Date;
  /** Energy to charge, metered at the grid (kWh). */
  readonly energyNeedKwh: number;
  readonly evMaxPowerKw: number;
  readonly evseMaxPowerKw: number;
  /** The session's share of the site/fuse limit: one value, or one per ISP of the dwell. */
  readonly siteShareKw: number | ArrayLike<number>;
  /** Enables the SoC ceiling, and V2G (which needs the SoC to hold the driver's minimum). */
  readonly battery?: EnvelopeBattery;
  /** Present only where V2G is allowed for this session (contract, EVSE and EV). */
  readonly v2g?: EnvelopeV2g;
  readonly chargeEfficiency?: number;
  readonly dischargeEfficiency?: number;
  /** Degradation cost per kWh of throughput (charged + discharged, metered), EUR/kWh, per vehicle model. */
  readonly degradationCostEurPerKwh: number;
}

export interface FlexibilityEnvelope {
  readonly isps: readonly Isp[];
  /** Fraction of each ISP the EV is plugged in (0..1]. */
  readonly presentFraction: Float64Array;
  /** Lower end of the band, kW (negative = may discharge). */
  readonly minPowerKw: Float64Array;
  /** Upper end of the band, kW = nested min(EV, EVSE, site share) x present fraction. */
  readonly maxPowerKw: Float64Array;
  /** Upper cumulative stored energy at the end of each ISP, kWh: charge ASAP at max power. */
  readonly earliestEnergyKwh: Float64Array;
  /** Lower cumulative stored energy at the end of each ISP, kWh: just in time (V2G: discharge first). */
  readonly latestEnergyKwh: Float64Array;
  /** Stored energy both trajectories end at: the need, or the best effort when infeasible. */
  readonly targetStoredKwh: number;
  /** The need as asked, stored kWh (need x chargeEfficiency). */
  readonly needStoredKwh: number;
  readonly feasible: boolean;
  /** Stored kWh the best effort misses (0 when feasible). */
  readonly shortfallStoredKwh: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly degradationCostEurPerKwh: number;
  readonly v2gAllowed: boolean;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new EnvelopeError(message);
}

const finiteNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;

/**
 * Builds the envelope. Infeasible need (more than full power over the dwell, or than the
 * battery's headroom, can hold): flagged, and the target becomes the best effort, i.e. full
 * power all the way (never zero).
 */
export function flexibilityEnvelope(input: FlexibilityEnvelopeInput): FlexibilityEnvelope {
  const arrivalMs = input.arrival.getTime();
  const departureMs = input.departure.getTime();
  check(Number.isFinite(arrivalMs) && Number.isFinite(departureMs) && departureMs > arrivalMs, 'departure must be after arrival');
  check(finiteNonNegative(input.energyNeedKwh), 'energy need must be a finite non-negative kWh');
  check(finiteNonNegative(input.evMaxPowerKw) && finiteNonNegative(input.evseMaxPowerKw), 'power limits must be non-negative');
  check(finiteNonNegative(input.degradationCostEurPerKwh), 'degradation cost must be non-negative');
  const etaC = input.chargeEfficiency ?? DEFAULT_CHARGE_EFFICIENCY_F64;
  const etaD = input.dischargeEfficiency ?? DEFAULT_DISCHARGE_EFFICIENCY_F64;
  check(etaC > 0 && etaC <= 1 && etaD > 0 && etaD <= 1, 'efficiencies must be in (0, 1]');
  const battery = input.battery;
  if (battery) {
    check(battery.capacityKwh > 0 && battery.arrivalSoc >= 0 && battery.arrivalSoc <= 1, 'battery capacity > 0 and SoC in 0..1');
  }

  const isps: Isp[] = [];
  for (let isp = Isp.containing(input.arrival); isp.start.getTime() < departureMs; isp = isp.next()) isps.push(isp);
  const n = isps.length;
  const site = input.siteShareKw;
  if (typeof site !== 'number') check(site.length === n, `site share needs ${n} values, got ${site.length}`);
  const siteAt = (t: number): number => (typeof site === 'number' ? site : site[t]);

  const v2g = input.v2g;
  // V2G needs a known SoC above the driver's minimum; the floor is the energy down to it.
  const v2gAllowed = v2g !== undefined && battery !== undefined && battery.arrivalSoc > v2g.minSoc;
  const floorStoredKwh = v2gAllowed ? -(battery.arrivalSoc - v2g.minSoc) * battery.capacityKwh : 0;
  const ceilingStoredKwh = battery ? (1 - battery.arrivalSoc) * battery.capacityKwh : Number.POSITIVE_INFINITY;

  const presentFraction = new Float64Array(n);
  const maxPowerKw = new Float64Array(n);
  const minPowerKw = new Float64Array(n);
  const maxChargeStored = new Float64Array(n); // stored kWh per ISP at full charge
  const maxDischargeStored = new Float64Array(n); // stored kWh removed per ISP at full discharge
  for (let t = 0; t < n; t += 1) {
    const fromMs = Math.max(isps[t].start.getTime(), arrivalMs);
    const toMs = Math.min(isps[t].end.getTime(), departureMs);
    const fraction = (toMs - fromMs) / (ISP_HOURS * MS_PER_HOUR);
    const share = siteAt(t);
    check(finiteNonNegative(share), `site share at ISP ${t} must be non-negative`);
    const nestedChargeKw = Math.min(input.evMaxPowerKw, input.evseMaxPowerKw, share);
    presentFraction[t] = fraction;
    maxPowerKw[t] = nestedChargeKw * fraction;
    maxChargeStored[t] = maxPowerKw[t] * ISP_HOURS * etaC;
    if (v2gAllowed) {
      const nestedDischargeKw = Math.min(v2g.evMaxDischargeKw, v2g.evseMaxDischargeKw, share);
      minPowerKw[t] = -nestedDischargeKw * fraction;
      maxDischargeStored[t] = (-minPowerKw[t] * ISP_HOURS) / etaD;
    }
  }

  let totalChargeStored = 0;
  for (let t = 0; t < n; t += 1) totalChargeStored += maxChargeStored[t];
  const needStoredKwh = input.energyNeedKwh * etaC;
  const bestEffortStored = Math.min(totalChargeStored, ceilingStoredKwh);
  const feasible = needStoredKwh <= bestEffortStored;
  const targetStoredKwh = feasible ? needStoredKwh : bestEffortStored;

  const earliestEnergyKwh = new Float64Array(n);
  let asap = 0;
  for (let t = 0; t < n; t += 1) {
    asap = Math.min(asap + maxChargeStored[t], targetStoredKwh);
    earliestEnergyKwh[t] = asap;
  }
  earliestEnergyKwh[n - 1] = targetStoredKwh;

  // Just in time: the lowest level from which full charging still reaches the target, and no
  // lower than what discharging at full power from arrival can reach, nor the SoC floor.
  const latestEnergyKwh = new Float64Array(n);
  let remainingCharge = 0;
  for (let t = n - 1; t >= 0; t -= 1) {
    latestEnergyKwh[t] = targetStoredKwh - remainingCharge;
    remainingCharge += maxChargeStored[t];
  }
  let deepest = 0;
  for (let t = 0; t < n; t += 1) {
    deepest = Math.max(deepest - maxDischargeStored[t], floorStoredKwh);
    latestEnergyKwh[t] = Math.max(latestEnergyKwh[t], deepest);
  }
  latestEnergyKwh[n - 1] = targetStoredKwh;

  return {
    isps,
    presentFraction,
    minPowerKw,
    maxPowerKw,
    earliestEnergyKwh,
    latestEnergyKwh,
    targetStoredKwh,
    needStoredKwh,
    feasible,
    shortfallStoredKwh: needStoredKwh - targetStoredKwh,
    chargeEfficiency: etaC,
    dischargeEfficiency: etaD,
    degradationCostEurPerKwh: input.degradationCostEurPerKwh,
    v2gAllowed,
  };
}

/**
 * Grid power per ISP (kW average) that moves the stored energy along `cumulativeStoredKwh`
 * (starting from 0 at arrival): increases are charged at chargeEfficiency, decreases
 * discharged at dischargeEfficiency.
 */
export function powerAlongTrajectoryKw(envelope: FlexibilityEnvelope, cumulativeStoredKwh: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cumulativeStoredKwh.length);
  let previous = 0;
  for (let t = 0; t < out.length; t += 1) {
    const delta = cumulativeStoredKwh[t] - previous;
    out[t] = delta >= 0 ? delta / envelope.chargeEfficiency / ISP_HOURS : (delta * envelope.dischargeEfficiency) / ISP_HOURS;
    previous = cumulativeStoredKwh[t];
  }
  return out;
}

/** Degradation cost (EUR) of a per-ISP grid power plan: |P| x 0.25 h x EUR/kWh of throughput. */
export function degradationCostEur(envelope: FlexibilityEnvelope, powerKw: ArrayLike<number>): number {
  let throughputKwh = 0;
  for (let t = 0; t < powerKw.length; t += 1) throughputKwh += Math.abs(powerKw[t]) * ISP_HOURS;
  return throughputKwh * envelope.degradationCostEurPerKwh;
}
