import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Decimal, parseDecimal, parseUtcInstant } from '@vpp/units';

/** The marginal aFRR capacity price of one block and direction, EUR/MW/h. */
export interface AfrrMarginalPrice {
  readonly blockStart: Date;
  readonly blockEnd: Date;
  readonly direction: 'up' | 'down';
  readonly marginalEurPerMwH: Decimal;
}

/**
 * `afrr-capacity-auction-de-2021-2023.csv` (regelleistung.net, see PROVENANCE.md): the German
 * marginal capacity price per 4-hour block (`de_marginal_capacity_price_eur_per_mw_h`; blocks in
 * Europe/Berlin time, which is also NL time). POS = up, NEG = down. Rows without a price are skipped.
 */
export function readAfrrMarginalPrices(path: string): AfrrMarginalPrice[] {
  const rows: Record<string, string>[] = parse(readFileSync(path), { columns: true, skip_empty_lines: true });
  const prices: AfrrMarginalPrice[] = [];
  for (const row of rows) {
    const text = row.de_marginal_capacity_price_eur_per_mw_h ?? '';
    if (text === '') continue;
    prices.push({
      blockStart: parseUtcInstant(row.block_start_utc),
      blockEnd: parseUtcInstant(row.block_end_utc),
      direction: row.direction === 'POS' ? 'up' : 'down',
      marginalEurPerMwH: parseDecimal(text),
    });
  }
  return prices;
}
