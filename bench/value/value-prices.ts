import { join } from 'node:path';
import { readDayAheadPrices } from '@vpp/markets/infrastructure/import/day-ahead-prices.reader';
import type { PriceTimeline } from '@vpp/optimizer';
import { Isp } from '@vpp/units';

const ISP_MS = 15 * 60_000;

/** Real NL day-ahead prices per ISP over [fromMs, toMs) (hourly prices hold for their four ISPs). */
export function readPriceTimeline(dataDir: string, file: string, fromMs: number, toMs: number): PriceTimeline {
  const series = readDayAheadPrices(join(dataDir, file));
  const startMs = Math.floor(fromMs / ISP_MS) * ISP_MS;
  const count = Math.ceil((toMs - startMs) / ISP_MS);
  const eurPerMwh = new Float64Array(count);
  for (let g = 0; g < count; g += 1) {
    const isp = Isp.startingAt(new Date(startMs + g * ISP_MS));
    const price = series.priceFor(isp);
    if (price === undefined) throw new Error(`${file}: no price for ${isp.toString()}`);
    // At most 2 decimals in the file; milli-EUR integers keep the conversion exact.
    eurPerMwh[g] = Number.parseInt(price.value.times(1000).toFixed(0), 10) / 1000;
  }
  return { startMs, eurPerMwh };
}
