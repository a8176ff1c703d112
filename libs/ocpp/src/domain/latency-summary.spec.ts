import { summariseLatencies } from './latency-summary';

describe(summariseLatencies.name, () => {
  it('gives nearest-rank median and p95', () => {
    // 1..20: median = rank 10 -> 10; p95 = rank 19 -> 19
    const sut = summariseLatencies(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(sut).toEqual({ count: 20, medianMs: 10, p95Ms: 19, maxMs: 20 });
  });

  it('is all zeros without samples', () => {
    expect(summariseLatencies([])).toEqual({ count: 0, medianMs: 0, p95Ms: 0, maxMs: 0 });
  });
});
