import { ColumnOptions, ValueTransformer } from 'typeorm';
import { Decimal, parseDecimal } from '@vpp/units';

/**
 * NUMERIC presets per quantity (STYLE.md 9.6). Money keeps 6 decimals internally so that
 * per-ISP lines can be summed before the single rounding to cents on a statement.
 */
export const NUMERIC_PRESETS = {
  money: { precision: 19, scale: 6 },
  energyKwh: { precision: 19, scale: 6 },
  powerKw: { precision: 14, scale: 3 },
  priceEurPerMwh: { precision: 14, scale: 5 },
} as const;

export type NumericPreset = keyof typeof NUMERIC_PRESETS;

export class DecimalColumnError extends Error {
  readonly code = 'DECIMAL_COLUMN_OVERFLOW';
}

/**
 * The one boundary between PostgreSQL `numeric` and `Decimal`. node-postgres returns numeric as a
 * string (typeorm#873); it goes straight into the strict parser, never through a JS number.
 * Writing more decimals than the column holds throws instead of rounding silently: rounding
 * belongs to named points in the domain, not to the driver.
 */
export function decimalTransformer(scale: number, precision: number): ValueTransformer {
  const maxIntegerDigits = precision - scale;
  return {
    to(value: Decimal | null | undefined): string | null | undefined {
      if (value === null || value === undefined) return value;
      if (!(value instanceof Decimal)) {
        throw new DecimalColumnError(`expected a Decimal, got ${typeof value}`);
      }
      if (value.decimalPlaces() > scale) {
        throw new DecimalColumnError(`${value.toFixed()} has more than ${scale} decimal places`);
      }
      const integerDigits = value.abs().truncated().toFixed().replace(/^0$/, '').length;
      if (integerDigits > maxIntegerDigits) {
        throw new DecimalColumnError(`${value.toFixed()} does not fit numeric(${precision},${scale})`);
      }
      return value.toFixed(scale);
    },
    from(value: string | null): Decimal | null {
      return value === null ? null : parseDecimal(value);
    },
  };
}

/** Column options for a NUMERIC preset with the shared transformer. */
export function decimalColumn(preset: NumericPreset, options: Pick<ColumnOptions, 'nullable' | 'name' | 'comment'> = {}): ColumnOptions {
  const { precision, scale } = NUMERIC_PRESETS[preset];
  return { type: 'numeric', precision, scale, transformer: decimalTransformer(scale, precision), ...options };
}

/** For raw SUM/AVG results, which arrive as strings too; null (no rows) stays null. */
export function parseNumericResult(value: string | null): Decimal | null {
  return value === null ? null : parseDecimal(value);
}
