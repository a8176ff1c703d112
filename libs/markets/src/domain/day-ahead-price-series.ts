import { DeliveryDay, Isp, PriceEurPerMwh } from '@vpp/units';

export interface PricePoint {
  readonly start: Date;
  readonly price: PriceEurPerMwh;
}

/**
 * Day-ahead clearing prices at 60- or 15-minute resolution. An hourly price holds for each of
 * the four ISPs of its hour (the hourly MTU before 2025-10-01).
 */
export class DayAheadPriceSeries {
  private readonly byStartMs = new Map<number, PriceEurPerMwh>();

  constructor(
    points: readonly PricePoint[],
    readonly resolutionMinutes: 15 | 60,
  ) {
    for (const point of points) {
      if (this.byStartMs.has(point.start.getTime())) {
        throw new Error(`duplicate price for ${point.start.toISOString()}`);
      }
      this.byStartMs.set(point.start.getTime(), point.price);
    }
  }

  priceFor(isp: Isp): PriceEurPerMwh | undefined {
    const mtuMs = this.resolutionMinutes * 60_000;
    const startMs = Math.floor(isp.start.getTime() / mtuMs) * mtuMs;
    return this.byStartMs.get(startMs);
  }

  /** The ISPs of a day that have no price (a gap in the source). */
  missingIsps(day: DeliveryDay): Isp[] {
    return day.isps().filter((isp) => this.priceFor(isp) === undefined);
  }
}
