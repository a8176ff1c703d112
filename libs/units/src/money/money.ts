import { Decimal, DecimalOperand, RoundingMode, parseDecimal, toDecimal } from '../decimal';
import { Quantity } from '../quantity/quantity';
import { UnitsError } from '../units-error';
import { CURRENCY_MINOR_DIGITS, CurrencyCode, parseCurrencyCode } from './currency';
import { allocateLargestRemainder } from './largest-remainder';

/**
 * Default mode for rounding money to cents: half away from zero ("commercial rounding", what
 * invoices and statements use), symmetric so a credit mirrors its debit exactly.
 */
export const DEFAULT_CENTS_ROUNDING: RoundingMode = RoundingMode.HALF_AWAY_FROM_ZERO;

const CENTS_PER_UNIT = new Decimal(10).pow(CURRENCY_MINOR_DIGITS);

/**
 * An amount of money in one ISO 4217 currency (normally EUR).
 *
 * Internal amounts keep full precision (stored as `NUMERIC(19,6)`); round only at named points
 * (settlement line, statement, market submission) with {@link Money.roundToCents}. Operations
 * refuse other units and other currencies. There is deliberately no float conversion.
 * `toString()`/`toJSON()` give the bare amount; carry `currency` alongside.
 */
export class Money extends Quantity<Money> {
  declare private readonly moneyBrand: never;

  /** ISO 4217 code. */
  readonly currency: CurrencyCode;

  private constructor(amount: Decimal, currency: CurrencyCode) {
    super(amount);
    this.currency = parseCurrencyCode(currency);
  }

  static of(amount: DecimalOperand, currency: CurrencyCode): Money {
    return new Money(toDecimal(amount), currency);
  }

  static eur(amount: DecimalOperand): Money {
    return new Money(toDecimal(amount), 'EUR');
  }

  /** Parses a plain decimal amount (strict; see `parseDecimal`). */
  static fromString(text: string, currency: CurrencyCode): Money {
    return new Money(parseDecimal(text), currency);
  }

  static zero(currency: CurrencyCode): Money {
    return new Money(new Decimal(0), currency);
  }

  /**
   * Exact sum; `currency` is needed so an empty list has one.
   *
   * @throws UnitsError `CURRENCY_MISMATCH` if any item is in another currency.
   */
  static sum(items: readonly Money[], currency: CurrencyCode): Money {
    return items.reduce((sum, item) => sum.add(item), Money.zero(currency));
  }

  /** The amount in major units (e.g. EUR), unrounded. */
  get amount(): Decimal {
    return this.value;
  }

  get unit(): CurrencyCode {
    return this.currency;
  }

  /**
   * Rounds to whole cents (2 decimals).
   *
   * @param rounding defaults to {@link DEFAULT_CENTS_ROUNDING} (half away from zero:
   *   0.005 -> 0.01, -0.005 -> -0.01); pass another mode only where a rule demands it.
   */
  roundToCents(rounding: RoundingMode = DEFAULT_CENTS_ROUNDING): Money {
    return this.create(this.value.toDecimalPlaces(CURRENCY_MINOR_DIGITS, rounding));
  }

  /**
   * Splits this amount in proportion to `weights` into whole cents that always sum exactly to
   * `this.roundToCents(rounding)`. Cents left after flooring go to the largest remainders (ties:
   * lower index); a negative amount is split by magnitude (-100.00 / 3 = -33.34, -33.33, -33.33);
   * a zero weight gets exactly 0.
   *
   * @param weights non-negative Decimals or safe integers, at least one positive, any scale
   * @throws UnitsError `INVALID_ALLOCATION` for empty, negative or all-zero weights.
   */
  allocate(weights: readonly DecimalOperand[], rounding: RoundingMode = DEFAULT_CENTS_ROUNDING): Money[] {
    const cents = this.roundToCents(rounding).value.times(CENTS_PER_UNIT);
    return allocateLargestRemainder(cents, weights.map(toDecimal)).map((part) =>
      this.create(part.dividedBy(CENTS_PER_UNIT)),
    );
  }

  /**
   * Splits into `parts` equal shares of whole cents (see {@link Money.allocate}):
   * 100.00 EUR / 3 = 33.34 + 33.33 + 33.33.
   *
   * @throws UnitsError `INVALID_ALLOCATION` unless `parts` is a positive safe integer.
   */
  split(parts: number, rounding: RoundingMode = DEFAULT_CENTS_ROUNDING): Money[] {
    if (!Number.isSafeInteger(parts) || parts < 1) {
      throw new UnitsError('INVALID_ALLOCATION', `parts must be a positive integer, got ${parts}`);
    }
    return this.allocate(new Array<number>(parts).fill(1), rounding);
  }

  protected create(value: Decimal): Money {
    return new Money(value, this.currency);
  }

  protected override assertCompatible(other: Money): void {
    super.assertCompatible(other);
    if (other.currency !== this.currency) {
      throw new UnitsError('CURRENCY_MISMATCH', `Cannot combine ${this.currency} with ${other.currency}`);
    }
  }
}
