/**
 * A token bucket per OEM cloud: we stay under the OEM's published request budget ourselves
 * rather than learning it from 429s. Pure; the caller passes the clock.
 */
export interface TokenBucket {
  readonly tokens: number;
  readonly updatedAtMs: number;
}

export function fullBucket(perMinute: number, nowMs: number): TokenBucket {
  return { tokens: perMinute, updatedAtMs: nowMs };
}

/** Takes one token if there is one; `taken: false` means wait. */
export function takeToken(bucket: TokenBucket, perMinute: number, nowMs: number): { bucket: TokenBucket; taken: boolean } {
  const refilled = Math.min(perMinute, bucket.tokens + ((nowMs - bucket.updatedAtMs) * perMinute) / 60_000);
  if (refilled < 1) return { bucket: { tokens: refilled, updatedAtMs: nowMs }, taken: false };
  return { bucket: { tokens: refilled - 1, updatedAtMs: nowMs }, taken: true };
}
