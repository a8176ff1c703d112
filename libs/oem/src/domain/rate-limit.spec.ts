import { fullBucket, takeToken } from './rate-limit';

describe(takeToken.name, () => {
  it('allows the budget per minute, then refills at the budget rate', () => {
    let bucket = fullBucket(3, 0);
    const taken: boolean[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = takeToken(bucket, 3, 0);
      bucket = result.bucket;
      taken.push(result.taken);
    }
    expect(taken).toEqual([true, true, true, false]);
    // 3 per minute = one token every 20 s
    expect(takeToken(bucket, 3, 19_999).taken).toBe(false);
    expect(takeToken(bucket, 3, 20_000).taken).toBe(true);
  });
});
