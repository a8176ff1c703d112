import { LATENCY_EWMA_ALPHA, updateLatencyEstimate } from './latency-estimator';

describe(updateLatencyEstimate.name, () => {
  it('starts at the first sample', () => {
    expect(updateLatencyEstimate(null, 1200)).toEqual({ sampleCount: 1, meanMs: 1200, p95Ms: 1200, lastMs: 1200 });
  });

  it('moves the mean by alpha towards the new sample and widens p95 above it', () => {
    const first = updateLatencyEstimate(null, 1000);
    const second = updateLatencyEstimate(first, 2000);
    // mean = 1000 + 0.2 * 1000 = 1200; variance = 0.8 * (0 + 1000 * 200) = 160000; sd = 400; p95 = 1200 + 1.645 * 400 = 1858
    expect(LATENCY_EWMA_ALPHA).toBe(0.2);
    expect(second.sampleCount).toBe(2);
    expect(second.meanMs).toBeCloseTo(1200, 9);
    expect(second.p95Ms).toBeCloseTo(1858, 9);
    expect(second.lastMs).toBe(2000);
  });

  it('converges on a constant latency', () => {
    let estimate = updateLatencyEstimate(null, 5000);
    for (let i = 0; i < 200; i += 1) estimate = updateLatencyEstimate(estimate, 300);
    expect(estimate.meanMs).toBeCloseTo(300, 3);
    expect(estimate.p95Ms).toBeCloseTo(300, 3);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s ms', (ms) => {
    expect(() => updateLatencyEstimate(null, ms)).toThrow(expect.objectContaining({ code: 'INVALID_LATENCY' }));
  });
});
