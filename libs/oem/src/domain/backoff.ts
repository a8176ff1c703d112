/**
 * Per-OEM backoff after 429 and 5xx answers (issue 3, bad input: "back off, keep the last known
 * state with its age"). Pure: the caller passes the clock. A 429's Retry-After wins (RFC 9110
 * 10.2.3: delay-seconds or an HTTP-date); without it, and for 5xx, the wait doubles per
 * consecutive failure from `baseMs` up to `maxMs`.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface BackoffState {
  readonly consecutiveFailures: number;
  readonly notBefore: Date | null;
}

export const NO_BACKOFF: BackoffState = { consecutiveFailures: 0, notBefore: null };

/** Parses Retry-After into milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export function afterFailure(state: BackoffState, policy: BackoffPolicy, now: Date, retryAfter?: number): BackoffState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  const exponentialMs = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(consecutiveFailures - 1, 30));
  // An OEM's explicit Retry-After is honoured even beyond our cap: calling earlier only earns another 429.
  const waitMs = retryAfter ?? exponentialMs;
  return { consecutiveFailures, notBefore: new Date(now.getTime() + waitMs) };
}

export function afterSuccess(): BackoffState {
  return NO_BACKOFF;
}

export function isBackingOff(state: BackoffState, now: Date): boolean {
  return state.notBefore !== null && now.getTime() < state.notBefore.getTime();
}
