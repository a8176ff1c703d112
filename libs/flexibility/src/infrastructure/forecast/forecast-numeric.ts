import type { ColumnOptions } from 'typeorm';
import { Decimal } from '@vpp/units';
import { decimalTransformer } from '../../../../persistence/src/decimal.transformer';

/**
 * Forecast statistics (counts, kWh, hours, losses) are float64 in the domain and `numeric(19,6)`
 * in PostgreSQL: six decimals are far below their uncertainty, and numeric keeps them exact and
 * summable in SQL like every other quantity column.
 */
export const STAT_SCALE = 6;
export const statColumn: ColumnOptions = { type: 'numeric', precision: 19, scale: STAT_SCALE, transformer: decimalTransformer(STAT_SCALE, 19) };
export const powerColumn: ColumnOptions = { type: 'numeric', precision: 14, scale: 3, transformer: decimalTransformer(3, 14) };

/** A float statistic as the Decimal the column stores, rounded half-even to the column's scale. */
export function statDecimal(value: number, scale = STAT_SCALE): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite statistic: ${value}`);
  return new Decimal(value).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
}
