import type Redis from 'ioredis';

/** A held lease: the fencing token grows with every new holder, so a writer can prove it is the newest. */
export interface LeaseGrant {
  readonly portfolioId: string;
  readonly holder: string;
  readonly fencingToken: number;
  /** Local monotonic-ish deadline (Date.now() ms): past it, the holder must assume it lost the lease. */
  readonly validUntilMs: number;
}

// Takes a free lease (a new token from the fence counter) or renews our own; never steals.
// KEYS[1] lease, KEYS[2] fence counter; ARGV[1] holder, ARGV[2] ttl ms. Returns the token or 0.
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local sep = string.find(current, '|', 1, true)
  if string.sub(current, 1, sep - 1) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(string.sub(current, sep + 1))
  end
  return 0
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2], 'NX')
return token`;

// Renews only when the lease still carries our holder and token. KEYS[1] lease; ARGV holder|token, ttl.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * One portfolio, one controlling dispatcher: SET NX PX with a TTL, renewed every cycle, and a
 * fencing token from INCR handed to every holder. The token travels with the commands and is
 * checked against PostgreSQL before any command is recorded or sent (see `DispatchFence`), so a
 * paused holder that wakes up after losing its lease cannot send conflicting commands.
 */
export class PortfolioLease {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (...parts: string[]) => string,
    private readonly ttlMs: number,
  ) {}

  /** Our grant (new or renewed), or null when another holder has it. */
  async acquire(portfolioId: string, holder: string, now: number = Date.now()): Promise<LeaseGrant | null> {
    const token = (await this.redis.eval(ACQUIRE, 2, this.leaseKey(portfolioId), this.keyOf('fence', portfolioId), holder, this.ttlMs)) as number;
    if (token === 0) return null;
    return { portfolioId, holder, fencingToken: token, validUntilMs: now + this.ttlMs };
  }

  /** The renewed grant, or null when the lease expired or passed to another holder. */
  async renew(grant: LeaseGrant, now: number = Date.now()): Promise<LeaseGrant | null> {
    const renewed = (await this.redis.eval(RENEW, 1, this.leaseKey(grant.portfolioId), `${grant.holder}|${grant.fencingToken}`, this.ttlMs)) as number;
    return renewed === 1 ? { ...grant, validUntilMs: now + this.ttlMs } : null;
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.leaseKey(grant.portfolioId), `${grant.holder}|${grant.fencingToken}`);
  }

  /** Who holds the lease now (`holder|token`), for status pages and tests. */
  async current(portfolioId: string): Promise<string | null> {
    return this.redis.get(this.leaseKey(portfolioId));
  }

  private leaseKey(portfolioId: string): string {
    return this.keyOf('lease', portfolioId);
  }
}
