import { LatencyEstimate, updateLatencyEstimate } from '@vpp/fleet/domain/latency-estimator';
import { DISPATCH_CHANNEL_NAMES, DispatchChannelName } from './dispatch-channel';
import { DispatchFleet } from './dispatch-fleet';

/**
 * Command-to-effect allowance per channel until measurements exist. ASSUMED (no public measurement):
 * OCPP ~1-10 s, OCPI ~30-60 s (CPO backend + profile push), OEM ~60-120 s (cloud round trip to the car).
 */
export const ASSUMED_CHANNEL_LATENCY_S: Readonly<Record<DispatchChannelName, number>> = { ocpp: 10, ocpi: 60, oem: 120 };

/**
 * Measures, per channel, the time from a command being handed out to the measured power matching it,
 * and keeps a running estimate (the fleet's EWMA estimator). The p95 feeds the responsiveness
 * allowance and, in the application, which sessions qualify for which product.
 *
 * Robust against what is not latency: only commands that visibly change the power are timed, sessions
 * marked non-responsive are not timed, a command not matched within maxLatencyS is a non-response
 * rather than a sample (a session ignoring commands would otherwise "match" hours later, when its car
 * is full, and swing the estimate).
 */
export class ChannelLatencyTracker {
  private readonly estimates: (LatencyEstimate | null)[] = DISPATCH_CHANNEL_NAMES.map(() => null);
  private readonly seenCommandAtS: Float64Array;
  private readonly pending: Uint8Array;

  constructor(
    capacity: number,
    private readonly toleranceKw = 0.5,
    private readonly maxLatencyS = 300,
  ) {
    this.seenCommandAtS = new Float64Array(capacity).fill(Number.NaN);
    this.pending = new Uint8Array(capacity);
  }

  /**
   * Call once per cycle after telemetry was folded in; returns the number of commands timed. `onSample`
   * gets each timing (slot, command-to-effect ms), e.g. to keep per-party estimates elsewhere.
   */
  observe(fleet: DispatchFleet, nowS: number, onSample?: (slot: number, elapsedMs: number) => void): number {
    let timed = 0;
    for (let i = 0; i < fleet.slotCount; i++) {
      if (fleet.active[i] === 0) continue;
      const at = fleet.commandAtS[i];
      if (Number.isNaN(at)) continue;
      if (fleet.measured[i] === 0) {
        // No telemetry: nothing can be timed; a command handed out meanwhile is not timed later either.
        this.seenCommandAtS[i] = at;
        this.pending[i] = 0;
        continue;
      }
      const command = fleet.commandKw[i];
      const expected = command > 0 ? Math.min(command, fleet.drawKw[i]) : command;
      if (at !== this.seenCommandAtS[i]) {
        this.seenCommandAtS[i] = at;
        // Only a command that visibly changes the power can be timed; one within tolerance of the
        // power at the time would count as instant and bias the estimate low.
        this.pending[i] = Math.abs(fleet.measuredKw[i] - expected) > this.toleranceKw ? 1 : 0;
      }
      if (this.pending[i] === 0) continue;
      if (fleet.responsive[i] === 0 || nowS - at > this.maxLatencyS) {
        this.pending[i] = 0;
        continue;
      }
      const elapsedS = fleet.telemetryAtS[i] - at;
      if (elapsedS >= 0 && Math.abs(fleet.measuredKw[i] - expected) <= this.toleranceKw) {
        this.pending[i] = 0;
        const channel = fleet.channel[i];
        this.estimates[channel] = updateLatencyEstimate(this.estimates[channel], elapsedS * 1000);
        onSample?.(i, elapsedS * 1000);
        timed++;
      }
    }
    return timed;
  }

  estimate(channel: DispatchChannelName): LatencyEstimate | null {
    return this.estimates[DISPATCH_CHANNEL_NAMES.indexOf(channel)];
  }

  /**
   * Latency (s) per channel code: the measured p95 once `minSamples` exist, the assumed value before.
   * This is what qualification for a product compares against its timing.
   */
  latencyS(minSamples = 20, assumed: Readonly<Record<DispatchChannelName, number>> = ASSUMED_CHANNEL_LATENCY_S): Float64Array {
    const out = new Float64Array(DISPATCH_CHANNEL_NAMES.length);
    DISPATCH_CHANNEL_NAMES.forEach((name, code) => {
      const e = this.estimates[code];
      out[code] = e !== null && e.sampleCount >= minSamples ? e.p95Ms / 1000 : assumed[name];
    });
    return out;
  }

  /**
   * Allowance (s) per channel code for the responsiveness monitor: the latency with a margin, since a
   * p95 is exceeded by one command in twenty by definition and telemetry arrives in steps
   * (factor 1.5 plus two 4-s cycles by default).
   */
  allowanceS(minSamples = 20, assumed: Readonly<Record<DispatchChannelName, number>> = ASSUMED_CHANNEL_LATENCY_S, factor = 1.5, marginS = 8): Float64Array {
    return this.latencyS(minSamples, assumed).map((s) => s * factor + marginS);
  }
}
