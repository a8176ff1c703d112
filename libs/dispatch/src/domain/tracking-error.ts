/**
 * Energy-weighted tracking error: sum |requested - delivered| x dt over sum |requested| x dt, where both
 * are deviations from baseline (kW). 0 % = every kWh asked was delivered, no more and no less.
 */
export class TrackingErrorAccumulator {
  private requestedKwhSum = 0;
  private errorKwhSum = 0;
  private cycles = 0;

  add(requestedDeviationKw: number, deliveredDeviationKw: number, durationS: number): void {
    const hours = durationS / 3600;
    this.requestedKwhSum += Math.abs(requestedDeviationKw) * hours;
    this.errorKwhSum += Math.abs(requestedDeviationKw - deliveredDeviationKw) * hours;
    this.cycles++;
  }

  get requestedKwh(): number {
    return this.requestedKwhSum;
  }

  get errorKwh(): number {
    return this.errorKwhSum;
  }

  get cycleCount(): number {
    return this.cycles;
  }

  /** NaN before anything was requested. */
  get errorPct(): number {
    return this.requestedKwhSum > 0 ? (100 * this.errorKwhSum) / this.requestedKwhSum : Number.NaN;
  }
}

/** Relative error of one cycle (%), against the magnitude requested; NaN when nothing was requested. */
export function cycleTrackingErrorPct(requestedDeviationKw: number, deliveredDeviationKw: number): number {
  const requested = Math.abs(requestedDeviationKw);
  return requested > 0 ? (100 * Math.abs(requestedDeviationKw - deliveredDeviationKw)) / requested : Number.NaN;
}

export interface ActivationTracking {
  readonly startS: number;
  readonly endS: number;
  readonly requestedKwh: number;
  readonly errorKwh: number;
  readonly errorPct: number;
}

/**
 * Splits the cycle stream into activations (maximal runs where the requested deviation exceeds
 * `thresholdKw`) and keeps the tracking error of each; the current one is open until a quiet cycle.
 */
export class ActivationTrackingLog {
  private readonly closed: ActivationTracking[] = [];
  private open: { startS: number; endS: number; acc: TrackingErrorAccumulator } | null = null;

  constructor(private readonly thresholdKw = 0) {}

  record(atS: number, durationS: number, requestedDeviationKw: number, deliveredDeviationKw: number): void {
    if (Math.abs(requestedDeviationKw) <= this.thresholdKw) {
      this.close();
      return;
    }
    if (this.open === null) this.open = { startS: atS, endS: atS, acc: new TrackingErrorAccumulator() };
    this.open.acc.add(requestedDeviationKw, deliveredDeviationKw, durationS);
    this.open.endS = atS + durationS;
  }

  close(): void {
    if (this.open === null) return;
    const { startS, endS, acc } = this.open;
    this.closed.push({ startS, endS, requestedKwh: acc.requestedKwh, errorKwh: acc.errorKwh, errorPct: acc.errorPct });
    this.open = null;
  }

  /** Closed activations, oldest first. */
  activations(): readonly ActivationTracking[] {
    return this.closed;
  }
}
