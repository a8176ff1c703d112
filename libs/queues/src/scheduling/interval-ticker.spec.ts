import { intervalBucket } from './interval-ticker';

describe(intervalBucket.name, () => {
  it('puts every instant of one interval in the same bucket, keyed by its start', () => {
    const first = intervalBucket(new Date('2026-03-28T23:00:00.000Z'), 300_000);
    const last = intervalBucket(new Date('2026-03-28T23:04:59.999Z'), 300_000);

    expect(first).toEqual({ start: new Date('2026-03-28T23:00:00.000Z'), key: '20260328T230000000Z' });
    expect(last).toEqual(first);
    expect(intervalBucket(new Date('2026-03-28T23:05:00.000Z'), 300_000).key).toBe('20260328T230500000Z');
  });
});
