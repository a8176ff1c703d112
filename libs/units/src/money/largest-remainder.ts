import { DECIMAL_PRECISION, Decimal, toDecimal } from '../decimal';
import { UnitsError } from '../units-error';

/**
 * Splits an integer number of minor units (cents) in proportion to `weights` with the largest
 * remainder (Hamilton) method, so the parts are integers that sum exactly to `total`.
 *
 * - Every part first gets the floor of its exact share of |total|; the cents left over go one
 *   each to the parts with the largest remainders, ties to the lower index (deterministic).
 * - A negative total is split by magnitude and the sign applied to every part, so splitting
 *   -100 mirrors splitting 100 (-34, -33, -33).
 * - A zero weight always gets 0.
 *
 * The arithmetic is exact integer arithmetic: weights are scaled to integers and remainders are
 * compared as integer moduli, not as rounded quotients.
 *
 * @param totalUnits an integer (minor units)
 * @param weightValues non-negative, at least one positive
 * @throws UnitsError `INVALID_ALLOCATION` for empty, negative or all-zero weights, or a
 *   non-integer total, or when |total| x the largest scaled weight would need more than 40 digits.
 */
export function allocateLargestRemainder(totalUnits: Decimal, weightValues: readonly Decimal[]): Decimal[] {
  // Re-homed in our clone: a foreign clone would calculate with its own precision.
  const total = toDecimal(totalUnits);
  const weights = weightValues.map((w) => toDecimal(w));
  if (!total.isInteger()) {
    throw new UnitsError('INVALID_ALLOCATION', `Total must be a whole number of minor units, got ${total.toFixed()}`);
  }
  assertWeights(weights);

  const scale = new Decimal(10).pow(Math.max(...weights.map((w) => w.decimalPlaces())));
  const scaledWeights = weights.map((w) => w.times(scale));
  const weightSum = scaledWeights.reduce((sum, w) => sum.plus(w), new Decimal(0));
  const magnitude = total.abs();
  const largestWeight = scaledWeights.reduce((max, w) => Decimal.max(max, w));
  // A product of integers with a and b digits has at most a + b digits; beyond 40 it would round.
  if (magnitude.sd(true) + largestWeight.sd(true) > DECIMAL_PRECISION) {
    throw new UnitsError('INVALID_ALLOCATION', `Allocating ${total.toFixed()} exceeds exact precision`);
  }

  const shares = scaledWeights.map((w, index) => {
    const numerator = magnitude.times(w);
    return { index, floor: numerator.divToInt(weightSum), remainder: numerator.mod(weightSum) };
  });
  const allocated = shares.reduce((sum, s) => sum.plus(s.floor), new Decimal(0));
  const leftover = magnitude.minus(allocated);

  const byRemainder = shares
    .filter((s) => !s.remainder.isZero())
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const bumped = new Set(byRemainder.filter((_, rank) => leftover.greaterThan(rank)).map((s) => s.index));

  const parts = shares.map((s) => {
    const part = bumped.has(s.index) ? s.floor.plus(1) : s.floor;
    return total.isNegative() && !part.isZero() ? part.negated() : part;
  });

  // Belt and braces: the invariant callers rely on.
  const check = parts.reduce((sum, p) => sum.plus(p), new Decimal(0));
  if (!check.equals(total) || !leftover.equals(bumped.size)) {
    throw new UnitsError('INVALID_ALLOCATION', `Allocation of ${total.toFixed()} exceeds exact precision`);
  }
  return parts;
}

function assertWeights(weights: readonly Decimal[]): void {
  if (weights.length === 0) {
    throw new UnitsError('INVALID_ALLOCATION', 'At least one weight is required');
  }
  if (weights.some((w) => w.isNegative() && !w.isZero())) {
    throw new UnitsError('INVALID_ALLOCATION', 'Weights must not be negative');
  }
  if (weights.every((w) => w.isZero())) {
    throw new UnitsError('INVALID_ALLOCATION', 'At least one weight must be positive');
  }
}
