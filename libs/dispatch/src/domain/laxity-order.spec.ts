import { SeededRandom } from './__fixtures__/seeded-random';
import { laxitySeconds, latestTrajectoryKwh } from './laxity';
import { LaxityOrder } from './laxity-order';

function assertBucketSorted(order: LaxityOrder, laxity: Float64Array, active: Uint8Array, n: number): void {
  const seen = new Set<number>();
  let inversions = 0;
  for (let r = 0; r < order.length; r++) {
    const slot = order.order[r];
    seen.add(slot);
    if (r > 0 && Math.floor(laxity[order.order[r - 1]] / order.bucketS) > Math.floor(laxity[slot] / order.bucketS)) inversions++;
  }
  const activeSlots = [];
  for (let i = 0; i < n; i++) if (active[i] === 1) activeSlots.push(i);
  expect({ inversions, slots: [...seen].sort((a, b) => a - b) }).toEqual({ inversions: 0, slots: activeSlots });
}

describe('laxity', () => {
  it('is the slack before full-power charging must start', () => {
    // 10 kWh at 11 kW takes 3273 s; 2 h left.
    expect(laxitySeconds(0, 7200, 5, 15, 11)).toBeCloseTo(7200 - (10 / 11) * 3600, 6);
    expect(laxitySeconds(0, 7200, 15, 15, 11)).toBe(7200);
    expect(laxitySeconds(0, 600, 0, 15, 11)).toBeLessThan(0);
  });

  it('latest trajectory: the least energy held so that full power still reaches the target', () => {
    expect(latestTrajectoryKwh(0, 3600, 30, 0, 11)).toBeCloseTo(19, 9);
    expect(latestTrajectoryKwh(0, 36_000, 30, 0, 11)).toBe(0);
    expect(latestTrajectoryKwh(3600, 3600, 30, 0, 11)).toBe(30);
  });
});

describe('LaxityOrder', () => {
  it('stays bucket-sorted over drifting laxity, arrivals and departures, mostly without full re-sorts', () => {
    const rng = new SeededRandom(42);
    const n = 2000;
    const laxity = new Float64Array(n);
    const active = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      laxity[i] = rng.between(-600, 30_000);
      active[i] = rng.chance(0.9) ? 1 : 0;
    }
    const order = new LaxityOrder(n, 60);
    order.update(laxity, active, n);
    assertBucketSorted(order, laxity, active, n);
    for (let cycle = 0; cycle < 300; cycle++) {
      for (let i = 0; i < n; i++) laxity[i] -= rng.chance(0.5) ? 4 : rng.between(0, 4);
      if (rng.chance(0.3)) active[rng.int(0, n)] ^= 1;
      order.update(laxity, active, n);
      assertBucketSorted(order, laxity, active, n);
    }
    expect(order.stats.fullSorts).toBeLessThan(10);
  });

  it('falls back to a full sort on a reshuffle and still orders correctly (negative laxity too)', () => {
    const rng = new SeededRandom(5);
    const n = 5000;
    const laxity = new Float64Array(n);
    const active = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) laxity[i] = rng.between(-5000, 5000);
    const order = new LaxityOrder(n, 1, 16_384);
    order.update(laxity, active, n);
    for (let i = 0; i < n; i++) laxity[i] = rng.between(-5000, 5000);
    const resorted = order.update(laxity, active, n);
    expect(resorted).toBe(true);
    assertBucketSorted(order, laxity, active, n);
  });
});
