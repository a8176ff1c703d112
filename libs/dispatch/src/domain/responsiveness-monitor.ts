import { DispatchFleet } from './dispatch-fleet';
import { DEFAULT_RESPONSIVENESS, ResponsivenessChange, ResponsivenessConfig, telemetryStale } from './delivery-monitoring.types';

/**
 * Marks sessions that do not follow their commands, or whose telemetry is stale, as non-responsive in
 * fleet.responsive (the disaggregator then holds them at their measured power and moves their share to
 * others), and trusts them again after they follow for a while.
 *
 * Expected power: the command, but a charging command is met by what the car draws at most
 * (min(command, drawKw)). Until the channel's latency allowance has passed since the last command,
 * anything between the commands issued within that allowance (and the one before them) matches,
 * since a slow channel may still be acting on an older one.
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
      const stale = telemetryStale(c, fleet.channel[i], fleet.measured[i] === 1, fleet.telemetryAtS[i], nowS);
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
    const tolerance = Math.max(this.config.toleranceKw, (this.config.tolerancePct / 100) * Math.abs(command));
    const expected = command > 0 ? Math.min(command, draw) : command;
    if (Math.abs(measured - expected) <= tolerance) return true;
    if (nowS - fleet.commandAtS[i] > allowanceS) return false;
    const low = this.envelopeLowKw[i];
    const high = this.envelopeHighKw[i];
    return measured >= (low > 0 ? Math.min(low, draw) : low) - tolerance && measured <= (high > 0 ? Math.min(high, draw) : high) + tolerance;
  }
}
