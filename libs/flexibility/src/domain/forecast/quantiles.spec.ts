import { meanOf, pinballLoss, quantileOfSorted, quantilesOf } from './quantiles';
import { spreadOverNeighbours } from './smoothing';

describe('empirical quantiles (type 7, by hand)', () => {
  it('interpolates between order statistics: 1..5 gives P10 1.4, P50 3, P90 4.6', () => {
    const q = quantilesOf([5, 1, 4, 2, 3]);
    expect(q.p10).toBeCloseTo(1.4, 12);
    expect(q.p50).toBe(3);
    expect(q.p90).toBeCloseTo(4.6, 12);
  });

  it('counts with zeros: [0, 0, 0, 1, 3] gives P10 0, P50 0, P90 2.2 and mean 0.8', () => {
    const q = quantilesOf([0, 3, 0, 1, 0]);
    expect(q).toEqual({ p10: 0, p50: 0, p90: expect.closeTo(2.2, 12) as number });
    expect(meanOf([0, 3, 0, 1, 0])).toBeCloseTo(0.8, 12);
  });

  it('a single value is every quantile; an empty sample has none', () => {
    expect(quantilesOf([7])).toEqual({ p10: 7, p50: 7, p90: 7 });
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });

  it('does not reorder the caller sample', () => {
    const sample = [3, 1, 2];
    quantilesOf(sample);
    expect(sample).toEqual([3, 1, 2]);
  });
});

describe(pinballLoss.name, () => {
  it.each([
    // q, actual, forecast, loss: above the forecast costs q per unit, below costs 1 - q
    [0.1, 10, 4, 0.6],
    [0.1, 2, 4, 1.8],
    [0.9, 10, 4, 5.4],
    [0.9, 2, 4, 0.2],
    [0.5, 3, 3, 0],
  ])('q=%s actual=%s forecast=%s -> %s', (q, actual, forecast, loss) => {
    expect(pinballLoss(q, actual, forecast)).toBeCloseTo(loss, 12);
  });
});

describe(spreadOverNeighbours.name, () => {
  const all = new Uint8Array(6).fill(1);

  it('spreads with weights 1, 2, 1 for half-width 1 and keeps the total', () => {
    const out = spreadOverNeighbours(Float64Array.from([0, 0, 4, 0, 0, 0]), all, 1);
    expect(Array.from(out)).toEqual([0, 1, 2, 1, 0, 0]);
  });

  it('renormalises at the day edge and over absent slots, so nothing is lost', () => {
    const present = Uint8Array.from([1, 1, 1, 0, 1, 1]);
    const out = spreadOverNeighbours(Float64Array.from([3, 0, 3, 0, 0, 0]), present, 1);
    // slot 0: weights 2 (self) + 1 (slot 1) -> 2, 1; slot 2: 1 (slot 1) + 2 (self), slot 3 absent -> 1, 2
    expect(Array.from(out)).toEqual([2, 2, 2, 0, 0, 0]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('half-width 0 leaves the values alone', () => {
    expect(Array.from(spreadOverNeighbours(Float64Array.from([1, 2, 3, 0, 0, 0]), all, 0))).toEqual([1, 2, 3, 0, 0, 0]);
  });
});
