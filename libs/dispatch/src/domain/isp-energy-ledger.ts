/** Activated energy of one ISP, kWh (operational figures; settlement recomputes from meter data with Decimal). */
export interface IspActivatedEnergy {
  readonly ispStartS: number;
  /** Energy requested as up-regulation (less consumption than baseline) and down-regulation. */
  readonly requestedUpKwh: number;
  readonly requestedDownKwh: number;
  /** Energy delivered: measured deviation from baseline, split the same way. */
  readonly deliveredUpKwh: number;
  readonly deliveredDownKwh: number;
  /** Sum of |requested - delivered| x dt over the ISP's cycles, and how many cycles were booked. */
  readonly absErrorKwh: number;
  readonly cycles: number;
}

type IspRow = { requestedUpKwh: number; requestedDownKwh: number; deliveredUpKwh: number; deliveredDownKwh: number; absErrorKwh: number; cycles: number };

const ISP_SECONDS = 15 * 60;

/**
 * Accumulates, per 15-minute ISP, how much activation energy was requested and delivered, from the
 * deviations from baseline observed each cycle. Plain floats: a running control figure.
 */
export class IspEnergyLedger {
  private readonly isps = new Map<number, IspRow>();

  /**
   * @param atS start of the cycle (epoch s); the cycle is booked to the ISP it starts in.
   * @param requestedDeviationKw targetKw - baselineKw (positive = more consumption).
   * @param deliveredDeviationKw measured fleet power - baselineKw.
   */
  record(atS: number, durationS: number, requestedDeviationKw: number, deliveredDeviationKw: number): void {
    const ispStartS = Math.floor(atS / ISP_SECONDS) * ISP_SECONDS;
    let row = this.isps.get(ispStartS);
    if (row === undefined) {
      row = { requestedUpKwh: 0, requestedDownKwh: 0, deliveredUpKwh: 0, deliveredDownKwh: 0, absErrorKwh: 0, cycles: 0 };
      this.isps.set(ispStartS, row);
    }
    const hours = durationS / 3600;
    row.absErrorKwh += Math.abs(requestedDeviationKw - deliveredDeviationKw) * hours;
    row.cycles++;
    if (requestedDeviationKw < 0) row.requestedUpKwh -= requestedDeviationKw * hours;
    else row.requestedDownKwh += requestedDeviationKw * hours;
    if (deliveredDeviationKw < 0) row.deliveredUpKwh -= deliveredDeviationKw * hours;
    else row.deliveredDownKwh += deliveredDeviationKw * hours;
  }

  /** Whether the ISP holds anything (booked or restored). */
  has(ispStartS: number): boolean {
    return this.isps.has(ispStartS);
  }

  /**
   * Continues an ISP from totals booked elsewhere (what a previous lease holder persisted); later
   * cycles add to them. Replaces what this ledger held for that ISP.
   */
  restore(row: IspActivatedEnergy): void {
    const { ispStartS, requestedUpKwh, requestedDownKwh, deliveredUpKwh, deliveredDownKwh, absErrorKwh, cycles } = row;
    this.isps.set(ispStartS, { requestedUpKwh, requestedDownKwh, deliveredUpKwh, deliveredDownKwh, absErrorKwh, cycles });
  }

  get(ispStartS: number): IspActivatedEnergy | undefined {
    const row = this.isps.get(ispStartS);
    return row === undefined ? undefined : { ispStartS, ...row };
  }

  /** All ISPs booked so far, oldest first. */
  all(): IspActivatedEnergy[] {
    return [...this.isps.entries()].sort((a, b) => a[0] - b[0]).map(([ispStartS, row]) => ({ ispStartS, ...row }));
  }

  /** Drops ISPs that started before the given instant (after they were persisted). */
  prune(beforeS: number): void {
    for (const key of [...this.isps.keys()]) if (key < beforeS) this.isps.delete(key);
  }
}
