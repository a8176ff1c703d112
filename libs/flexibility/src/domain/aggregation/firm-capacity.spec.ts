import { FirmCapacity } from './firm-capacity';
import { standardNormalCdf, standardNormalQuantile } from './standard-normal';

/** A seeded xorshift32 generator, so the Monte Carlo is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

interface Term {
  readonly valueKw: number;
  readonly probability: number;
}

function pool(count: number, seed: number): Term[] {
  const next = random(seed);
  // EV-like powers 3.7..22 kW and presence 0.55..0.99
  return Array.from({ length: count }, () => ({ valueKw: 3.7 + 18.3 * next(), probability: 0.55 + 0.44 * next() }));
}

function monteCarlo(terms: readonly Term[], samples: number, seed: number): Float64Array {
  const next = random(seed);
  const out = new Float64Array(samples);
  for (let s = 0; s < samples; s += 1) {
    let sum = 0;
    for (const term of terms) if (next() < term.probability) sum += term.valueKw;
    out[s] = sum;
  }
  return out.sort();
}

const coverage = (sortedSamples: Float64Array, value: number): number => sortedSamples.filter((x) => x >= value).length / sortedSamples.length;

describe('standard normal', () => {
  it('matches reference values', () => {
    expect(standardNormalCdf(0)).toBe(0.5);
    expect(standardNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(standardNormalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 10);
    expect(standardNormalQuantile(0.1)).toBeCloseTo(-1.2815515655446004, 10);
    expect(standardNormalQuantile(0.999)).toBeCloseTo(3.090232306167813, 9);
  });
});

describe('FirmCapacity against a Monte Carlo', () => {
  const SAMPLES = 40_000;
  // Standard error of a coverage estimate near 0.9 with 40,000 samples is 0.0015: 4 SE = 0.006.
  const COVERAGE_SLACK = 0.006;

  it.each([0.9, 0.95])('exact convolution on 30 EVs at confidence %d', (confidence) => {
    const terms = pool(30, 7);
    const sut = new FirmCapacity('auto');
    for (const term of terms) sut.add(term.valueKw, term.probability, 1);
    const firm = sut.firm(confidence);
    const samples = monteCarlo(terms, SAMPLES, 11);
    const mcQuantile = samples[Math.floor((1 - confidence) * SAMPLES)];
    expect(firm.method).toBe('exact');
    expect(coverage(samples, firm.valueKw)).toBeGreaterThanOrEqual(confidence - COVERAGE_SLACK);
    // Conservative by at most the grid rounding and the Monte Carlo noise: within 1.5 % of the mean.
    expect(Math.abs(firm.valueKw - mcQuantile)).toBeLessThan(0.015 * sut.expectedKw);
  });

  it('normal approximation on 400 EVs at P90', () => {
    const terms = pool(400, 3);
    const sut = new FirmCapacity('auto');
    for (const term of terms) sut.add(term.valueKw, term.probability, 1);
    const firm = sut.firm(0.9);
    const samples = monteCarlo(terms, SAMPLES, 5);
    expect(firm.method).toBe('normal');
    expect(coverage(samples, firm.valueKw)).toBeGreaterThanOrEqual(0.9 - COVERAGE_SLACK);
    expect(coverage(samples, firm.valueKw)).toBeLessThanOrEqual(0.9 + COVERAGE_SLACK);
    expect(Math.abs(firm.valueKw - samples[Math.floor(0.1 * SAMPLES)])).toBeLessThan(0.005 * sut.expectedKw);
  });

  it('both methods agree on a mid-size pool, and never go below the certain part', () => {
    const terms = pool(60, 13);
    const exact = new FirmCapacity('exact');
    const normal = new FirmCapacity('normal');
    for (const term of terms) {
      exact.add(term.valueKw, term.probability, 1);
      normal.add(term.valueKw, term.probability, 1);
    }
    exact.add(100, 1, 1);
    normal.add(100, 1, 1);
    expect(Math.abs(exact.firm(0.9).valueKw - normal.firm(0.9).valueKw)).toBeLessThan(0.02 * exact.expectedKw);
    const small = new FirmCapacity('normal');
    small.add(100, 1, 1);
    small.add(10, 0.5, 1);
    // normal alone would say 105 - 1.28 x 5 = 98.6; at least the certain 100 is always there
    expect(small.firm(0.9).valueKw).toBe(100);
  });
});
