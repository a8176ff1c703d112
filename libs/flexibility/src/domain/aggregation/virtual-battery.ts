import type { Isp } from '@vpp/units';

import { type AggregationMember } from './aggregation-member';
import { type HorizonIndex } from './horizon-index';

/**
 * The portfolio as one energy-constrained battery (issue 4, item 4), the expected view the
 * energy plan uses: every member counts `weight` times on its expected arrival and departure.
 * Float64, ISP averages, sign at the grid meter (positive = charging).
 *
 * Energies follow the envelope convention, summed: `earliestEnergyKwh` / `latestEnergyKwh` bound
 * the *cumulative stored energy charged* into the portfolio since the horizon start, at the end of
 * each ISP. A member that has departed keeps counting its final energy in both bounds (what it
 * took is fixed), so the bounds of the sum stay exact for each member's own trajectory; the energy
 * *in* the battery at the end of ISP t is cumulative - `departedEnergyKwh[t]`: energy of departed
 * EVs leaves the battery with them. The bounds are those of the sum of the envelopes (a necessary
 * condition; the per-member split of a feasible aggregate plan is the disaggregation's job).
 */
export interface VirtualBattery {
  readonly isps: readonly Isp[];
  readonly minPowerKw: Float64Array;
  readonly maxPowerKw: Float64Array;
  /** Upper bound of cumulative stored kWh (everyone charging as soon as possible). */
  readonly earliestEnergyKwh: Float64Array;
  /** Lower bound of cumulative stored kWh (just in time; V2G members discharging first). */
  readonly latestEnergyKwh: Float64Array;
  /** Stored kWh that has left with EVs departed by the end of each ISP. */
  readonly departedEnergyKwh: Float64Array;
  /**
   * Members' efficiencies and degradation cost, weighted by their charging capability in the horizon
   * (weight x sum of max power): one value per battery is an approximation when members differ.
   */
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly degradationCostEurPerKwh: number;
  /** Stored kWh of needs that cannot be met (best-effort envelopes), summed. */
  readonly shortfallStoredKwh: number;
}

export function sumVirtualBattery(members: readonly AggregationMember[], horizon: HorizonIndex): VirtualBattery {
  const h = horizon.length;
  const minPowerKw = new Float64Array(h);
  const maxPowerKw = new Float64Array(h);
  const earliestEnergyKwh = new Float64Array(h);
  const latestEnergyKwh = new Float64Array(h);
  const departedEnergyKwh = new Float64Array(h);
  let capability = 0;
  let etaC = 0;
  let etaD = 0;
  let degradation = 0;
  let shortfall = 0;
  for (const member of members) {
    const envelope = member.envelope;
    const w = member.weight ?? 1;
    const offset = horizon.offsetOf(envelope);
    const n = envelope.isps.length;
    let memberCapability = 0;
    for (let t = offset; t < h; t += 1) {
      const k = t - offset;
      if (k < n) {
        minPowerKw[t] += w * envelope.minPowerKw[k];
        maxPowerKw[t] += w * envelope.maxPowerKw[k];
        earliestEnergyKwh[t] += w * envelope.earliestEnergyKwh[k];
        latestEnergyKwh[t] += w * envelope.latestEnergyKwh[k];
        memberCapability += w * envelope.maxPowerKw[k];
      } else {
        earliestEnergyKwh[t] += w * envelope.targetStoredKwh;
        latestEnergyKwh[t] += w * envelope.targetStoredKwh;
        departedEnergyKwh[t] += w * envelope.targetStoredKwh;
      }
    }
    capability += memberCapability;
    etaC += memberCapability * envelope.chargeEfficiency;
    etaD += memberCapability * envelope.dischargeEfficiency;
    degradation += memberCapability * envelope.degradationCostEurPerKwh;
    shortfall += w * envelope.shortfallStoredKwh;
  }
  const mean = (sum: number, fallback: number): number => (capability > 0 ? sum / capability : fallback);
  const first = members[0]?.envelope;
  return {
    isps: horizon.isps,
    minPowerKw,
    maxPowerKw,
    earliestEnergyKwh,
    latestEnergyKwh,
    departedEnergyKwh,
    chargeEfficiency: mean(etaC, first?.chargeEfficiency ?? 1),
    dischargeEfficiency: mean(etaD, first?.dischargeEfficiency ?? 1),
    degradationCostEurPerKwh: mean(degradation, first?.degradationCostEurPerKwh ?? 0),
    shortfallStoredKwh: shortfall,
  };
}
