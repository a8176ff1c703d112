import { Decimal, DecimalOperand, isDecimal, toDecimal } from '../decimal';
import { UnitsError } from '../units-error';

/** Anything that knows its length in hours: an `Isp` (0.25), a `Block` (3, 4 or 5), a `TimeRange`. */
export interface HasDurationHours {
  readonly durationHours: Decimal;
}

/**
 * A duration for power x time maths: hours as a {@link Decimal} (or a safe integer), or a period
 * object such as an `Isp` or `Block`.
 */
export type Duration = DecimalOperand | HasDurationHours;

/**
 * The non-negative number of hours in a {@link Duration}.
 *
 * @throws UnitsError `INVALID_DURATION` for negative durations.
 */
export function durationInHours(duration: Duration): Decimal {
  const hours =
    typeof duration === 'number' || isDecimal(duration) ? toDecimal(duration) : toDecimal(duration.durationHours);
  if (hours.isNegative() && !hours.isZero()) {
    throw new UnitsError('INVALID_DURATION', `Duration must not be negative, got ${hours.toFixed()} h`);
  }
  return hours;
}
