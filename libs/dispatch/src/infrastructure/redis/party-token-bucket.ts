import type Redis from 'ioredis';

// Token bucket in Redis, shared by every worker process: KEYS[1] bucket; ARGV rate/s, burst, now ms, wanted.
// Takes what is available up to `wanted` and returns {taken, waitMs for the next token}.
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
local taken = math.min(wanted, math.floor(tokens))
tokens = tokens - taken
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
local wait = 0
if taken < wanted then wait = math.ceil((1 - (tokens - math.floor(tokens))) * 1000 / rate) end
return {taken, wait}`;

/**
 * Commands per CPO or OEM cloud are limited by a token bucket per party (BullMQ's limiter is per
 * queue, and one slow CPO must not hold back the others). Callers take tokens for a batch and wait
 * for the rest; the wait is short because batches are cut per party and cycle.
 */
export class PartyTokenBucket {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (...parts: string[]) => string,
    private readonly ratePerS: number,
    private readonly burst: number,
  ) {}

  async take(party: string, wanted: number, now: number = Date.now()): Promise<{ taken: number; waitMs: number }> {
    const [taken, waitMs] = (await this.redis.eval(TAKE, 1, this.keyOf('bucket', party), this.ratePerS, this.burst, now, wanted)) as [number, number];
    return { taken, waitMs };
  }

  /** Resolves once `wanted` tokens were taken, sleeping between partial grants. */
  async acquire(party: string, wanted: number): Promise<void> {
    let remaining = wanted;
    while (remaining > 0) {
      const { taken, waitMs } = await this.take(party, remaining);
      remaining -= taken;
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
  }
}
