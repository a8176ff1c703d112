import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Decimal, parseDecimal, parseUtcInstant } from '@vpp/units';

/** One cleared GOPACS bucket: a grid operator's matched buy and sell volume in one 15-minute PTU. */
export interface ClearedBucket {
  readonly ptuStart: Date;
  readonly gridOperator: string;
  readonly buyMw: Decimal;
  readonly sellMw: Decimal;
}

/** `gopacs-cleared-buckets-nl-2018-2023.csv` (GOPACS public reporting, see PROVENANCE.md). */
export function readClearedBuckets(path: string): ClearedBucket[] {
  const rows: Record<string, string>[] = parse(readFileSync(path), { columns: true, skip_empty_lines: true });
  return rows.map((row) => ({
    ptuStart: parseUtcInstant(row.ptu_start_utc),
    gridOperator: row.grid_operator,
    buyMw: parseDecimal(row.buy_volume_mw),
    sellMw: parseDecimal(row.sell_volume_mw),
  }));
}

export const GOPACS_SCALING_LABEL = 'GOPACS cleared buckets replayed and scaled (derived): the day’s largest bucket = GATEWAYS_SIM_PORTFOLIO_MW';

/**
 * Scales a day's cleared volume to the portfolio: every bucket is multiplied by portfolioMw / the
 * day's largest bucket volume (buy or sell), so the day's biggest congestion event asks exactly
 * the portfolio's size and the others keep their historical proportions. Returns the scaled
 * buy and sell volume per PTU start (ms), summed over grid operators.
 */
export function scaledDayVolumes(buckets: readonly ClearedBucket[], portfolioMw: Decimal): Map<number, { buyMw: Decimal; sellMw: Decimal }> {
  const largest = buckets.reduce((max, b) => Decimal.max(max, b.buyMw, b.sellMw), new Decimal(0));
  const volumes = new Map<number, { buyMw: Decimal; sellMw: Decimal }>();
  if (largest.isZero()) return volumes;
  const factor = portfolioMw.dividedBy(largest);
  for (const bucket of buckets) {
    const key = bucket.ptuStart.getTime();
    const sum = volumes.get(key) ?? { buyMw: new Decimal(0), sellMw: new Decimal(0) };
    volumes.set(key, { buyMw: sum.buyMw.plus(bucket.buyMw.times(factor)), sellMw: sum.sellMw.plus(bucket.sellMw.times(factor)) });
  }
  return volumes;
}
