import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { readDayAheadPrices, type DayAheadPriceSeries } from '@vpp/markets';
import { MARKET_TIME_ZONE, type DeliveryDay, type Isp, type PriceEurPerMwh } from '@vpp/units';

// SDAC's 15-minute MTU starts with delivery day 2025-10-01 (MARKETS.md); no NL 15-minute prices are in the data.
const FIFTEEN_MINUTE_MTU_FROM = '2025-10-01';
const DE_LU_15MIN_FILES = ['prices-delu-dayahead-exaa-15min-2023.csv', 'prices-delu-dayahead-exaa-15min-2022.csv'];

export interface DayPrices {
  /** The file the platform (planner, exchange) reads: the source itself, or the derived day written next to the outputs. */
  readonly path: string;
  readonly series: DayAheadPriceSeries;
  readonly source: string;
  /** Set when the prices had to be derived: what was done, for `derived_inputs`. */
  readonly derived: string | null;
}

const localKey = (isp: Isp): string => DateTime.fromJSDate(isp.start, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm');

/** The day's prices from the nearest same-weekday day the series covers fully, matched by local time of day. */
function fromNearestWeek(series: DayAheadPriceSeries, day: DeliveryDay): { prices: PriceEurPerMwh[]; from: DeliveryDay } | null {
  for (let week = 1; week <= 53 * 6; week += 1) {
    for (const sign of [-1, 1]) {
      const from = day.plusDays(sign * 7 * week);
      if (series.missingIsps(from).length > 0) continue;
      const byLocal = new Map<string, PriceEurPerMwh>();
      for (const isp of from.isps()) {
        const key = localKey(isp);
        if (!byLocal.has(key)) byLocal.set(key, series.priceFor(isp) as PriceEurPerMwh);
      }
      const prices: PriceEurPerMwh[] = [];
      for (const isp of day.isps()) {
        // 02:xx of the spring day does not exist on the target, and the autumn day's repeated 02:xx takes the first one.
        const price = byLocal.get(localKey(isp)) ?? byLocal.get('01:45');
        if (price === undefined) return null;
        prices.push(price);
      }
      return { prices, from };
    }
  }
  return null;
}

/**
 * Day-ahead prices of the day (and the week before, for the planner's naive forecast) per the derived-inputs rule: a given --prices file or the NL file of
 * the day's year when it covers the day; from 2025-10-01 (15-minute MTU, no NL data) the DE-LU
 * 15-minute series stands in; when the chosen series does not cover the day, the nearest
 * same-weekday day it covers is moved onto it (local time of day kept). Derived prices are written
 * with the real ones to `inputsDir` in the ARCHITECTURE.md section 6 layout, so the platform reads them like any file.
 */
export function dayPrices(day: DeliveryDay, dataDir: string, inputsDir: string, given: string | null): DayPrices {
  const fifteen = day.isoDate >= FIFTEEN_MINUTE_MTU_FROM;
  const years = [...new Set([day.plusDays(-7).isoDate.slice(0, 4), day.isoDate.slice(0, 4)])];
  const nl = [...years, '2023', '2022', '2021', '2020', '2019'].map((y) => join(dataDir, `prices-nl-dayahead-${y}.csv`));
  const candidates = given !== null ? [given] : fifteen ? DE_LU_15MIN_FILES.map((f) => join(dataDir, f)) : nl;
  // Absolute: the planner reads relative price paths against DATA_DIR.
  const existing = [...new Set(candidates.map((path) => resolve(path)))].filter((path) => existsSync(path));
  if (existing.length === 0) throw new Error(`no day-ahead price file found (looked for ${candidates.join(', ')})`);
  const series = existing.map((path) => ({ path, series: readDayAheadPrices(path) }));
  // The day and the week before it: the planner's naive forecast (same ISP a week earlier) needs those.
  const days = Array.from({ length: 8 }, (_, k) => day.plusDays(k - 7));
  const rows: string[] = [];
  const notes: string[] = [];
  const sources = new Set<string>();
  for (const d of days) {
    const covering = fifteen && given === null ? undefined : series.find((s) => s.series.missingIsps(d).length === 0);
    if (covering !== undefined) {
      sources.add(covering.path);
      for (const isp of d.isps()) rows.push(`${isp.start.toISOString()},${(covering.series.priceFor(isp) as PriceEurPerMwh).value.toString()}`);
      continue;
    }
    const moved = fromNearestWeek(series[0].series, d);
    if (moved === null) throw new Error(`${series[0].path} covers no ${d.isoDate} and no same weekday to derive it from`);
    sources.add(series[0].path);
    d.isps().forEach((isp, i) => rows.push(`${isp.start.toISOString()},${moved.prices[i].value.toString()}`));
    notes.push(`${d.isoDate} from ${moved.from.isoDate}`);
  }
  const out = resolve(inputsDir, `prices-${day.isoDate}.csv`);
  writeFileSync(out, `timestamp_utc,price_eur_mwh\n${rows.join('\n')}\n`);
  const why = fifteen && given === null ? `no NL 15-minute day-ahead prices exist in the data (15-minute MTU from ${FIFTEEN_MINUTE_MTU_FROM}); the DE-LU series stands in` : `the price file does not cover every day`;
  return {
    path: out,
    series: readDayAheadPrices(out),
    source: [...sources].join(', '),
    derived:
      notes.length === 0
        ? null
        : `day-ahead prices DERIVED: ${why}; the prices of the nearest covered same weekday (${series[0].series.resolutionMinutes}-minute resolution) moved onto each day by local time of day: ${notes.join(', ')}`,
  };
}
