import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Isp, PriceEurPerMwh, parseUtcInstant } from '@vpp/units';
import { DayAheadPriceSeries } from '../../domain/day-ahead-price-series';

/**
 * Reads `timestamp_utc, price_eur_mwh` (ARCHITECTURE.md section 6). The timestamp starts the
 * interval; the resolution (60 or 15 minutes) is read from the spacing of the first two rows.
 */
export function readDayAheadPrices(path: string): DayAheadPriceSeries {
  const rows: Array<Record<string, string>> = parse(readFileSync(path), { columns: true, skip_empty_lines: true });
  if (rows.length === 0) throw new Error(`${path}: no prices`);
  for (const column of ['timestamp_utc', 'price_eur_mwh']) {
    if (!(column in rows[0])) throw new Error(`${path}: missing column ${column}`);
  }
  const points = rows.map((row, index) => {
    try {
      return { start: parseUtcInstant(row.timestamp_utc), price: PriceEurPerMwh.fromString(row.price_eur_mwh) };
    } catch (error) {
      throw new Error(`${path}: row ${index + 2}: ${(error as Error).message}`);
    }
  });
  const resolutionMinutes = points.length > 1 ? (points[1].start.getTime() - points[0].start.getTime()) / 60_000 : 60;
  if (resolutionMinutes !== 15 && resolutionMinutes !== 60) {
    throw new Error(`${path}: resolution of ${resolutionMinutes} minutes is neither 15 nor 60`);
  }
  for (const point of points) Isp.startingAt(point.start); // every interval starts on an ISP boundary
  return new DayAheadPriceSeries(points, resolutionMinutes as 15 | 60);
}
