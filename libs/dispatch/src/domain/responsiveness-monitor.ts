import { DispatchFleet } from './dispatch-fleet';
import { DEFAULT_RESPONSIVENESS, ResponsivenessChange, ResponsivenessConfig, silenceExpected, telemetryStale } from './delivery-monitoring.types';
import { energyAtCeiling, expectedDrawHighKw, expectedDrawLowKw } from './expected-draw';

/**
 * Marks sessions that do not follow their commands, or whose telemetry is stale, as non-responsive in
 * fleet.responsive (the disaggregator then holds them at their measured power and moves their share to
 * others), and trusts them again after they follow for a while.
 *
 * Expected power: the command, but a charging command is a cap, met by anything from what the car is
 * known to be able to draw (min(command, drawKw, knownDrawKw); nothing while its maximum is unknown,
 * so a 3.4 kW car on a 22 kW EVSE is not expected at 22 kW; nothing once its energy is at its
 * ceiling) up to min(command, drawKw); see expected-draw.ts. Until the channel's latency allowance has passed since the last command,
 * anything between the commands issued within that allowance (and the one before them) matches,
 * since a slow channel may still be acting on an older one.
 *
 * Stale telemetry: older than the channel's limit, except where silence is expected (a channel that
 * reports only on change, and a session told 0 kW or full: see silenceExpected).
 */
export class ResponsivenessMonitor {
  private readonly mismatches: Uint16Array;
  private readonly matches: Uint16Array;
  private readonly seenCommandAtS: Float64Array;
  private readonly envelopeLowKw: Float64Array;
  private readonly envelopeHighKw: Float64Array;

  constructor(
    capacity: number,
    private readonly config: ResponsivenessConfig = DEFAULT_RESPONSIVENESS,
  ) {
    this.mismatches = new Uint16Array(capacity);
    this.matches = new Uint16Array(capacity);
    this.seenCommandAtS = new Float64Array(capacity).fill(Number.NaN);
    this.envelopeLowKw = new Float64Array(capacity);
    this.envelopeHighKw = new Float64Array(capacity);
  }

  /**
   * Call once per cycle after telemetry was folded in and before the next disaggregation.
   * @param allowanceS latency allowance per channel code (see ChannelLatencyTracker.allowanceS).
   */
  observe(fleet: DispatchFleet, nowS: number, allowanceS: ArrayLike<number>): ResponsivenessChange {
    const markedNonResponsive: number[] = [];
    const markedResponsive: number[] = [];
    const c = this.config;
    for (let i = 0; i < fleet.slotCount; i++) {
      if (fleet.active[i] === 0) {
        this.mismatches[i] = 0;
        this.matches[i] = 0;
        this.seenCommandAtS[i] = Number.NaN;
        continue;
      }
      const allowance = allowanceS[fleet.channel[i]];
      this.trackEnvelope(fleet, i, allowance);
      const measured = fleet.measured[i] === 1;
      const stale =
        telemetryStale(c, fleet.channel[i], measured, fleet.telemetryAtS[i], nowS) &&
        !silenceExpected(c, fleet.channel[i], measured, fleet.commandKw[i], fleet.deliveredKwh[i], fleet.ceilingKwh[i]);
      // A reading taken before the last command cannot show whether the car follows it (a channel
      // that reports every few minutes, like an OCPI CPO's session updates): no evidence either way.
      const evidence = !(fleet.telemetryAtS[i] < fleet.commandAtS[i]);
      if (!stale && !evidence) continue;
      const ok = !stale && this.follows(fleet, i, nowS, allowance);
      if (ok) {
        this.mismatches[i] = 0;
        if (this.matches[i] < 65535) this.matches[i]++;
      } else {
        this.matches[i] = 0;
        if (this.mismatches[i] < 65535) this.mismatches[i]++;
      }
      if (fleet.responsive[i] === 1 && (stale || this.mismatches[i] >= c.mismatchCycles)) {
        fleet.responsive[i] = 0;
        markedNonResponsive.push(i);
      } else if (fleet.responsive[i] === 0 && this.matches[i] >= c.recoveryCycles) {
        fleet.responsive[i] = 1;
        markedResponsive.push(i);
      }
    }
    return { markedNonResponsive, markedResponsive };
  }

  private trackEnvelope(fleet: DispatchFleet, i: number, allowanceS: number): void {
    const at = fleet.commandAtS[i];
    if (Number.isNaN(at) || at === this.seenCommandAtS[i]) return;
    const command = fleet.commandKw[i];
    const previous = fleet.previousCommandKw[i];
    const seen = this.seenCommandAtS[i];
    if (!Number.isNaN(seen) && at - seen <= allowanceS) {
      this.envelopeLowKw[i] = Math.min(this.envelopeLowKw[i], command);
      this.envelopeHighKw[i] = Math.max(this.envelopeHighKw[i], command);
    } else {
      const before = Number.isNaN(previous) ? fleet.measuredKw[i] : previous;
      this.envelopeLowKw[i] = Math.min(before, command);
      this.envelopeHighKw[i] = Math.max(before, command);
    }
    this.seenCommandAtS[i] = at;
  }

  private follows(fleet: DispatchFleet, i: number, nowS: number, allowanceS: number): boolean {
    const command = fleet.commandKw[i];
    if (Number.isNaN(command)) return true;
    const measured = fleet.measuredKw[i];
    const draw = fleet.drawKw[i];
    // A session whose energy reached its ceiling may stop by itself: nothing is expected of it then.
    const known = energyAtCeiling(fleet.deliveredKwh[i], fleet.ceilingKwh[i]) ? 0 : fleet.knownDrawKw[i];
    const tolerance = Math.max(this.config.toleranceKw, (this.config.tolerancePct / 100) * Math.abs(command));
    if (measured >= expectedDrawLowKw(command, draw, known) - tolerance && measured <= expectedDrawHighKw(command, draw) + tolerance) return true;
    if (nowS - fleet.commandAtS[i] > allowanceS) return false;
    return measured >= expectedDrawLowKw(this.envelopeLowKw[i], draw, known) - tolerance && measured <= expectedDrawHighKw(this.envelopeHighKw[i], draw) + tolerance;
  }
}
