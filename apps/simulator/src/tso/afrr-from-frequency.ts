import type { FrequencySample } from './frequency-recording';

/** Every output that uses these setpoints carries this label: no public aFRR activation series exists. */
export const DERIVED_AFRR_LABEL = 'derived';

export interface AfrrDerivationOptions {
  /** The portfolio's awarded aFRR capacity (MW): setpoints are clamped to +-capacity. */
  readonly capacityMw: number;
  /** Proportional share: |df| at which the P part alone asks for the full capacity (Hz). ASSUMED 0.1 Hz. */
  readonly fullScaleHz?: number;
  /** Integral time of the PI controller (s). ASSUMED 100 s (TSO aFRR controllers run T_i of about 50-200 s). */
  readonly integralTimeS?: number;
  /** Setpoint period, 4 s in Continental Europe. */
  readonly periodS?: number;
}

export interface DerivedSetpoint {
  /** Time of the 4-s slot in the recording (epoch ms). */
  readonly recordedAtMs: number;
  /** Positive = upward regulation (less consumption), MW, rounded to kW. */
  readonly setpointMw: number;
  /** Mean frequency deviation of the slot, Hz. */
  readonly deviationHz: number;
}

/**
 * aFRR setpoints DERIVED from a frequency recording as an area-control-error proxy.
 *
 * In Continental Europe a control area's ACE is its tie-line deviation plus K x df. A recording of
 * the frequency alone has no tie-line flows, so the proxy takes ACE = K x df (the area carries its
 * share of the synchronous imbalance) and runs it through a PI controller like a TSO's aFRR
 * controller: setpoint = -(Kp x df + Kp / T_i x integral(df dt)), clamped to +-capacity. A low
 * frequency (df < 0) asks for up-regulation (a positive setpoint), a high one for down-regulation.
 * Kp is scaled so that |df| = fullScaleHz asks for the whole capacity; the integral makes the
 * response keep building while the deviation persists, as the 5-minute full activation does.
 * Each 4-s slot uses the mean deviation of the samples inside it, or holds the last one in gaps.
 */
export function deriveAfrrSetpoints(samples: readonly FrequencySample[], options: AfrrDerivationOptions): DerivedSetpoint[] {
  if (samples.length === 0) return [];
  const periodMs = (options.periodS ?? 4) * 1000;
  const kp = options.capacityMw / (options.fullScaleHz ?? 0.1);
  const ki = kp / (options.integralTimeS ?? 100);
  const out: DerivedSetpoint[] = [];
  let i = 0;
  let lastDeviationHz = samples[0].deviationMicroHz / 1_000_000;
  let integralHzS = 0;
  const limit = options.capacityMw;
  for (let slotEnd = samples[0].atMs + periodMs; slotEnd <= samples[samples.length - 1].atMs + periodMs; slotEnd += periodMs) {
    let sum = 0;
    let n = 0;
    while (i < samples.length && samples[i].atMs < slotEnd) {
      sum += samples[i].deviationMicroHz;
      n++;
      i++;
    }
    if (n > 0) lastDeviationHz = sum / n / 1_000_000;
    // Anti-windup: the integral stops growing while the output is saturated in its direction.
    const unclamped = -(kp * lastDeviationHz + ki * (integralHzS + lastDeviationHz * (periodMs / 1000)));
    if (Math.abs(unclamped) < limit || Math.sign(unclamped) !== Math.sign(-lastDeviationHz)) integralHzS += lastDeviationHz * (periodMs / 1000);
    const setpoint = Math.max(-limit, Math.min(limit, -(kp * lastDeviationHz + ki * integralHzS)));
    out.push({ recordedAtMs: slotEnd, setpointMw: Math.round(setpoint * 1000) / 1000, deviationHz: lastDeviationHz });
  }
  return out;
}
