import { Decimal, DecimalOperand, RoundingMode, formatDecimal, toDecimal } from '../decimal';
import { UnitsError } from '../units-error';

/**
 * Base of every immutable value type (energy, power, price, money): an exact {@link Decimal}
 * plus a unit that operations refuse to mix.
 *
 * Mixing is refused twice: at compile time because each subclass declares its own private brand
 * (TypeScript compares private members nominally), and at run time because every binary
 * operation checks that both operands have the same class (and, for money, currency), which
 * catches `any` casts and JSON-revived objects.
 *
 * Arithmetic keeps full {@link Decimal} precision (40 significant digits, half-even); nothing is
 * rounded unless a method says so.
 */
export abstract class Quantity<Q extends Quantity<Q>> {
  /** The exact magnitude in this type's unit; never `-0`. */
  readonly value: Decimal;

  protected constructor(value: Decimal) {
    this.value = toDecimal(value);
  }

  /** Human-readable unit symbol, e.g. `kWh`. */
  abstract get unit(): string;

  /** Builds a value of the same type (and currency, for money). */
  protected abstract create(value: Decimal): Q;

  add(other: Q): Q {
    this.assertCompatible(other);
    return this.create(this.value.plus(other.value));
  }

  subtract(other: Q): Q {
    this.assertCompatible(other);
    return this.create(this.value.minus(other.value));
  }

  /** Multiplies by a dimensionless factor (exact for stored magnitudes; see {@link Decimal}). */
  multiply(factor: DecimalOperand): Q {
    return this.create(this.value.times(toDecimal(factor)));
  }

  /** Divides by a dimensionless divisor; the quotient is rounded to 40 significant digits, half-even. */
  divide(divisor: DecimalOperand): Q {
    const d = toDecimal(divisor);
    if (d.isZero()) {
      throw new UnitsError('INVALID_DECIMAL', 'Division by zero');
    }
    return this.create(this.value.dividedBy(d));
  }

  negate(): Q {
    return this.create(this.value.negated());
  }

  abs(): Q {
    return this.create(this.value.abs());
  }

  isZero(): boolean {
    return this.value.isZero();
  }

  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero();
  }

  isPositive(): boolean {
    return this.value.isPositive() && !this.value.isZero();
  }

  /** -1, 0 or 1, like a comparator for `Array.prototype.sort`. */
  compare(other: Q): -1 | 0 | 1 {
    this.assertCompatible(other);
    const c = this.value.comparedTo(other.value);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  equals(other: Q): boolean {
    return this.compare(other) === 0;
  }

  lessThan(other: Q): boolean {
    return this.compare(other) < 0;
  }

  greaterThan(other: Q): boolean {
    return this.compare(other) > 0;
  }

  /**
   * Fixed-point text with exactly `decimalPlaces` digits, e.g. for a `NUMERIC(p,s)` column or a
   * market submission. The rounding mode is required because every such edge has its own rule.
   */
  toFixed(decimalPlaces: number, rounding: RoundingMode): string {
    if (!Number.isSafeInteger(decimalPlaces) || decimalPlaces < 0) {
      throw new UnitsError('NOT_A_SAFE_INTEGER', `decimalPlaces must be a non-negative integer, got ${decimalPlaces}`);
    }
    const rounded = this.value.toDecimalPlaces(decimalPlaces, rounding);
    return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(decimalPlaces);
  }

  /** Canonical plain decimal string (no exponent, no trailing zeros, no unit). */
  toString(): string {
    return formatDecimal(this.value);
  }

  /** JSON carries the canonical decimal string; the unit is implied by the field name. */
  toJSON(): string {
    return this.toString();
  }

  /** Runtime half of the unit check; subclasses may add checks (money: currency). */
  protected assertCompatible(other: Q): void {
    if (!(other instanceof Quantity) || other.constructor !== this.constructor) {
      throw new UnitsError('UNIT_MISMATCH', `Cannot combine ${this.unit} with ${describe(other)}`);
    }
  }
}

function describe(value: unknown): string {
  if (value instanceof Quantity) {
    return value.unit;
  }
  return value === null ? 'null' : typeof value;
}

/**
 * A physical quantity (power or energy). Only these may leave exact arithmetic, and only for the
 * LP/MILP optimiser, which works in float64 by nature. Money and prices never offer this.
 */
export abstract class PhysicalQuantity<Q extends PhysicalQuantity<Q>> extends Quantity<Q> {
  /**
   * The magnitude as a float64 for the optimiser's model coefficients. Lossy (about 15-17
   * significant digits); never feed the result back into settlement or storage.
   */
  toFloat64ForOptimisation(): number {
    // eslint-disable-next-line no-restricted-syntax -- this method is the one sanctioned float exit
    return this.value.toNumber();
  }
}

/**
 * The error for a cross-unit method (e.g. energy x price) whose argument has the wrong type at
 * run time (parameter types are erased; `any` and revived JSON get through the compiler).
 */
export function unitMismatch(expected: string, got: unknown): UnitsError {
  return new UnitsError('UNIT_MISMATCH', `Expected ${expected}, got ${describe(got)}`);
}
