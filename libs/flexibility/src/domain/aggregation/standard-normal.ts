/**
 * The standard normal distribution, for the normal approximation of pool capacity and the
 * assumed shape of a departure distribution. Computed from the series
 * Phi(z) = 1/2 + phi(z) (z + z^3/3 + z^5/(3*5) + ...) (Marsaglia 2004, "Evaluating the normal
 * distribution"), which needs no tabulated coefficients and is accurate to ~1e-15 where it is
 * used (|z| <= 8; beyond that the tail is below 1e-15 and is clamped).
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TAIL_Z = 8;

export function standardNormalDensity(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

export function standardNormalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= -TAIL_Z) return 0;
  if (z >= TAIL_Z) return 1;
  let term = z;
  let sum = z;
  const z2 = z * z;
  for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
    term *= z2 / k;
    sum += term;
  }
  return 0.5 + standardNormalDensity(z) * sum;
}

/** z with Phi(z) = p, by Newton's method on Phi (safeguarded by bisection), for 0 < p < 1. */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  if (p < 0.5) return -standardNormalQuantile(1 - p);
  let low = 0;
  let high = TAIL_Z;
  let z = 0;
  for (let i = 0; i < 100; i += 1) {
    const error = standardNormalCdf(z) - p;
    if (Math.abs(error) < 1e-15) break;
    if (error < 0) low = z;
    else high = z;
    const newton = z - error / standardNormalDensity(z);
    z = newton > low && newton < high ? newton : (low + high) / 2;
    if (high - low < 1e-14) break;
  }
  return z;
}
