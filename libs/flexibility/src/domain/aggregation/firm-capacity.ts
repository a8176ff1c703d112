import { standardNormalQuantile } from './standard-normal';

/**
 * Firm capacity of a pool: the power we are `confidence` sure to have, where each member adds
 * `value` kW only if it is there (a Bernoulli with its presence probability), members
 * independent. That is the (1 - confidence) lower quantile of S = sum(value_i x B_i).
 *
 * Two ways, chosen per ISP (libs/optimizer/README.md, "Reserves", explains the choice):
 * - exact: the distribution of S by convolution on a grid, for small pools (at most
 *   {@link EXACT_MAX_UNCERTAIN_TRIALS} uncertain trials). Values are rounded *down* to a grid
 *   that divides the largest value (at most {@link EXACT_GRID_BINS} bins over the uncertain
 *   total), so the result errs low by at most trials x grid step (<= 1.6 % of the uncertain
 *   total; 0 for equal values): conservative.
 * - normal: S ~ N(mean, variance) (central limit theorem), for larger pools where the exact
 *   convolution would cost more than it adds. Floored at the part that is certain (q = 1).
 *
 * Independence is an assumption: departures that move together (a shift ending) make the true
 * quantile lower. A forecast cohort of `weight` expected EVs is `weight` independent trials
 * (fractional weights: mean w q v, variance w q (1 - q) v^2; the exact method splits it into
 * floor(w) trials with q and one with q x frac(w)).
 */
export type QuantileMethod = 'auto' | 'normal' | 'exact';

export const EXACT_MAX_UNCERTAIN_TRIALS = 64;
export const EXACT_GRID_BINS = 4096;

export interface FirmValue {
  readonly valueKw: number;
  readonly method: 'exact' | 'normal';
}

export class FirmCapacity {
  private certainKw = 0;
  private meanKw = 0;
  private varianceKw2 = 0;
  private uncertainTrials = 0;
  /** value, probability, weight triples of the uncertain terms; dropped once too many for exact. */
  private terms: number[] | undefined = [];

  constructor(private readonly method: QuantileMethod) {}

  add(valueKw: number, probability: number, weight: number): void {
    if (valueKw <= 0 || probability <= 0 || weight <= 0) return;
    if (probability >= 1) {
      this.certainKw += weight * valueKw;
      return;
    }
    this.meanKw += weight * probability * valueKw;
    this.varianceKw2 += weight * probability * (1 - probability) * valueKw * valueKw;
    this.uncertainTrials += Math.ceil(weight);
    if (this.terms === undefined) return;
    if (this.method === 'normal' || (this.method === 'auto' && this.uncertainTrials > EXACT_MAX_UNCERTAIN_TRIALS)) {
      this.terms = undefined;
      return;
    }
    this.terms.push(valueKw, probability, weight);
  }

  /** Expected value, kW (certain part included). */
  get expectedKw(): number {
    return this.certainKw + this.meanKw;
  }

  /** The largest s with P(S >= s) >= confidence (0.5 <= confidence < 1). */
  firm(confidence: number): FirmValue {
    if (this.terms !== undefined) return { valueKw: this.certainKw + exactLowerQuantile(this.terms, confidence), method: 'exact' };
    const z = standardNormalQuantile(confidence);
    const normal = this.certainKw + this.meanKw - z * Math.sqrt(this.varianceKw2);
    return { valueKw: Math.max(this.certainKw, normal), method: 'normal' };
  }
}

function exactLowerQuantile(terms: readonly number[], confidence: number): number {
  let total = 0;
  let largest = 0;
  for (let k = 0; k < terms.length; k += 3) {
    total += terms[k] * terms[k + 2];
    largest = Math.max(largest, terms[k]);
  }
  if (total === 0) return 0;
  // The grid divides the largest value exactly, so a pool of equal EVs (the common case) is exact.
  const step = largest / Math.max(1, Math.floor((EXACT_GRID_BINS * largest) / total));
  const trials: [number, number][] = [];
  for (let k = 0; k < terms.length; k += 3) {
    const bins = Math.floor(terms[k] / step + 1e-9);
    const whole = Math.floor(terms[k + 2]);
    for (let c = 0; c < whole; c += 1) trials.push([bins, terms[k + 1]]);
    const fraction = terms[k + 2] - whole;
    if (fraction > 0) trials.push([bins, terms[k + 1] * fraction]);
  }
  let size = 1;
  for (const [bins] of trials) size += bins;
  const pmf = new Float64Array(size);
  pmf[0] = 1;
  let reach = 0;
  for (const [bins, p] of trials) {
    if (bins === 0) continue;
    reach += bins;
    for (let s = reach; s >= 0; s -= 1) pmf[s] = pmf[s] * (1 - p) + (s >= bins ? pmf[s - bins] * p : 0);
  }
  // Walk down from the top: the first s whose upper tail reaches the confidence. The small
  // tolerance keeps a tail of exactly 0.9 from missing a 0.9 confidence by rounding.
  let tail = 0;
  for (let s = reach; s >= 0; s -= 1) {
    tail += pmf[s];
    if (tail >= confidence - 1e-12) return s * step;
  }
  return 0;
}
