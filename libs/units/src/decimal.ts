import { Decimal as DecimalJs } from 'decimal.js';

import { UnitsError } from './units-error';

/** Significant digits kept by every arithmetic result of {@link Decimal}. */
export const DECIMAL_PRECISION = 40;

/**
 * The project's decimal type: an isolated clone of decimal.js, so no library or test can change
 * our configuration through the global `Decimal.set`.
 *
 * - Precision 40 significant digits: a product of two stored values (money/energy `NUMERIC(19,6)`
 *   times price `NUMERIC(14,5)`) has at most 33 digits, so multiplication and addition of stored
 *   values are exact; only division can round.
 * - Rounding `ROUND_HALF_EVEN` for those intermediate results, because it carries no bias when
 *   many rounded values are summed. Rounding for presentation happens only at named points
 *   (e.g. `Money.roundToCents`), with the mode stated there.
 * - `toExpNeg`/`toExpPos` ±40 keep `toString()` out of exponent notation for every value we can
 *   store; our value types still format through `toFixed()`, which never uses exponents.
 */
export const Decimal = DecimalJs.clone({
  precision: DECIMAL_PRECISION,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/** An instance of the project {@link Decimal} clone (immutable). */
export type Decimal = InstanceType<typeof Decimal>;

/**
 * Named rounding modes. decimal.js calls "half away from zero" `ROUND_HALF_UP`, which readers
 * often take for "half towards +infinity"; these names say what happens to negative values.
 */
export const RoundingMode = {
  /** Half to the nearest even digit (banker's rounding); unbiased for sums. */
  HALF_EVEN: DecimalJs.ROUND_HALF_EVEN,
  /** Half away from zero (commercial rounding): 0.005 -> 0.01, -0.005 -> -0.01. */
  HALF_AWAY_FROM_ZERO: DecimalJs.ROUND_HALF_UP,
  /** Truncate: 1.29 -> 1.2, -1.29 -> -1.2. */
  TOWARD_ZERO: DecimalJs.ROUND_DOWN,
  /** 1.21 -> 1.3, -1.21 -> -1.3. */
  AWAY_FROM_ZERO: DecimalJs.ROUND_UP,
  /** Towards -infinity. */
  FLOOR: DecimalJs.ROUND_FLOOR,
  /** Towards +infinity. */
  CEIL: DecimalJs.ROUND_CEIL,
} as const;

export type RoundingMode = (typeof RoundingMode)[keyof typeof RoundingMode];

/**
 * The only text form accepted for decimals at API, queue and config edges: optional minus,
 * digits, optional fraction with at least one digit. No exponent, sign `+`, whitespace, NaN or
 * Infinity. Use it in DTO validation (`@Matches(DECIMAL_STRING_PATTERN)`).
 */
export const DECIMAL_STRING_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Parses a plain decimal string exactly (see {@link DECIMAL_STRING_PATTERN}).
 * `-0` becomes `0`.
 *
 * @throws UnitsError `INVALID_DECIMAL` when the text does not match the pattern;
 *   `DECIMAL_TOO_PRECISE` when it has more than {@link DECIMAL_PRECISION} significant digits,
 *   because arithmetic would silently round them away.
 */
export function parseDecimal(text: string): Decimal {
  if (typeof text !== 'string' || !DECIMAL_STRING_PATTERN.test(text)) {
    throw new UnitsError('INVALID_DECIMAL', `Not a plain decimal string: ${JSON.stringify(text)}`);
  }
  const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > DECIMAL_PRECISION) {
    throw new UnitsError(
      'DECIMAL_TOO_PRECISE',
      `More than ${DECIMAL_PRECISION} significant digits: ${JSON.stringify(text)}`,
    );
  }
  return normaliseDecimal(new Decimal(text));
}

/** True for any decimal.js instance (ours or a foreign clone). */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value);
}

/**
 * A scalar operand: a {@link Decimal}, or a JS number only when it is a safe integer, so binary
 * floats such as 0.1 never slip into exact arithmetic.
 */
export type DecimalOperand = Decimal | number;

/**
 * Converts an operand into a finite project {@link Decimal}.
 *
 * @throws UnitsError `NOT_A_SAFE_INTEGER` for non-integer numbers; `INVALID_DECIMAL` for
 *   anything else that is not a finite decimal (including value objects passed by mistake).
 */
export function toDecimal(operand: DecimalOperand): Decimal {
  if (typeof operand === 'number') {
    if (!Number.isSafeInteger(operand)) {
      throw new UnitsError('NOT_A_SAFE_INTEGER', `Number operands must be safe integers, got ${operand}`);
    }
    return normaliseDecimal(new Decimal(operand));
  }
  if (!isDecimal(operand)) {
    throw new UnitsError('INVALID_DECIMAL', 'Expected a Decimal or a safe integer operand');
  }
  return normaliseDecimal(operand);
}

/** Re-homes a decimal in our clone (foreign clones would calculate with their own precision) and drops `-0`. */
function normaliseDecimal(value: Decimal): Decimal {
  if (!value.isFinite()) {
    throw new UnitsError('INVALID_DECIMAL', `Not a finite decimal: ${value.toString()}`);
  }
  if (value.isZero()) {
    return new Decimal(0);
  }
  // All decimal.js clones share one prototype, so `instanceof` cannot tell them apart.
  return value.constructor === Decimal ? value : new Decimal(value);
}

/** Plain notation, never exponent notation, never `-0`. */
export function formatDecimal(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}
