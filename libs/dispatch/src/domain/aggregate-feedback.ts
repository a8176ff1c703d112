/**
 * Closes the loop on the fleet's measured response: an integral correction (kW) added to the
 * portfolio target, fed each cycle with the requested and the delivered deviation from baseline of
 * the last interval. It absorbs what the per-session plan cannot see: sessions that ignore commands
 * until the monitor catches them, deadband remainders, and the lag of sessions that take part.
 * Integral only with a small gain, because the measurement lags commands by a few cycles (a
 * proportional term on a delayed measurement would overshoot); clamped, so it cannot wind up while
 * the fleet is saturated.
 */
export class AggregateFeedback {
  private correction = 0;

  constructor(
    private readonly gainPerCycle = 0.25,
    private readonly limitKw = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Folds in the last interval and returns the correction to add to the next target (kW).
   * @param limitKw clamp for this update (e.g. the size of the running activation); the constructor's limit by default.
   */
  update(requestedDeviationKw: number, deliveredDeviationKw: number, limitKw = this.limitKw): number {
    if (!Number.isFinite(requestedDeviationKw) || !Number.isFinite(deliveredDeviationKw)) return this.correction;
    const limit = Math.min(this.limitKw, Math.abs(limitKw));
    const next = this.correction + this.gainPerCycle * (requestedDeviationKw - deliveredDeviationKw);
    this.correction = Math.max(-limit, Math.min(limit, next));
    return this.correction;
  }

  /** Continues from a correction held elsewhere (a takeover reads the previous holder's from the mirror). */
  restore(correctionKw: number): void {
    this.correction = Number.isFinite(correctionKw) ? Math.max(-this.limitKw, Math.min(this.limitKw, correctionKw)) : 0;
  }

  get correctionKw(): number {
    return this.correction;
  }

  reset(): void {
    this.correction = 0;
  }
}
