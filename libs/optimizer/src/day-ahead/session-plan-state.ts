import type { FlexibilityEnvelope } from '@vpp/flexibility/domain';
import { DayAheadSession, ISP_HOURS } from './day-ahead-model';
import type { SiteNetwork } from './site-network';

/** Stored kWh one ISP at grid power `powerKw` adds (charge) or removes (discharge). */
export function storedDeltaKwh(envelope: FlexibilityEnvelope, powerKw: number): number {
  return powerKw >= 0 ? powerKw * ISP_HOURS * envelope.chargeEfficiency : (powerKw * ISP_HOURS) / envelope.dischargeEfficiency;
}

/** Inverse of {@link storedDeltaKwh}. */
export function powerForStoredDeltaKw(envelope: FlexibilityEnvelope, storedKwh: number): number {
  return storedKwh >= 0 ? storedKwh / ISP_HOURS / envelope.chargeEfficiency : (storedKwh * envelope.dischargeEfficiency) / ISP_HOURS;
}

/**
 * The per-session plan being built, with every node's net load (fixed load + sessions) kept
 * in step, so repair and the greedy fallback see the headroom left at each site and fuse.
 */
export class SessionPlanState {
  readonly powerKw: Float64Array[];
  readonly nodeNetKw: Float64Array[];

  constructor(
    readonly sessions: readonly DayAheadSession[],
    readonly network: SiteNetwork,
  ) {
    this.powerKw = sessions.map((s) => new Float64Array(s.envelope.isps.length));
    this.nodeNetKw = network.fixedNetKw.map((fixed) => Float64Array.from(fixed));
  }

  /** Sets session `s`'s power at its ISP `k` and carries the change up the limit tree. */
  setPower(s: number, k: number, powerKw: number): void {
    const delta = powerKw - this.powerKw[s][k];
    if (delta === 0) return;
    this.powerKw[s][k] = powerKw;
    const t = this.network.sessionFirstIsp[s] + k;
    for (let node = this.network.sessionSiteNode[s]; node >= 0; node = this.network.nodeParent[node]) this.nodeNetKw[node][t] += delta;
  }

  /** kW more session `s` may import at its ISP `k` before a site or fuse that can bind is full. */
  importHeadroomKw(s: number, k: number): number {
    const t = this.network.sessionFirstIsp[s] + k;
    let headroom = Infinity;
    for (const node of this.network.bindingChain[this.network.sessionSiteNode[s]]) {
      headroom = Math.min(headroom, this.network.importLimitKw[node][t] - this.nodeNetKw[node][t]);
    }
    return Math.max(0, headroom);
  }

  storedKwh(s: number): Float64Array {
    const env = this.sessions[s].envelope;
    const power = this.powerKw[s];
    const out = new Float64Array(power.length);
    let stored = 0;
    for (let k = 0; k < power.length; k += 1) out[k] = stored += storedDeltaKwh(env, power[k]);
    return out;
  }
}
