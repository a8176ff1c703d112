import { afterFailure, afterSuccess, isBackingOff, NO_BACKOFF, retryAfterMs } from './backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };
const now = new Date('2026-01-10T12:00:00Z');

describe('OEM backoff', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Sat, 10 Jan 2026 12:00:30 GMT', 30_000],
    ['Sat, 10 Jan 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads Retry-After %p as %p ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });

  it('doubles from base to the cap on consecutive failures without Retry-After', () => {
    let sut = NO_BACKOFF;
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      sut = afterFailure(sut, policy, now);
      waits.push((sut.notBefore?.getTime() ?? 0) - now.getTime());
    }
    // 1, 2, 4, 8, 16, 32 s, then capped at 60 s
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it("honours a 429's Retry-After even beyond the cap, and clears on success", () => {
    const sut = afterFailure(NO_BACKOFF, policy, now, 300_000);
    expect(sut.notBefore).toEqual(new Date('2026-01-10T12:05:00Z'));
    expect(isBackingOff(sut, new Date('2026-01-10T12:04:59Z'))).toBe(true);
    expect(isBackingOff(sut, new Date('2026-01-10T12:05:00Z'))).toBe(false);
    expect(afterSuccess()).toEqual(NO_BACKOFF);
  });
});
