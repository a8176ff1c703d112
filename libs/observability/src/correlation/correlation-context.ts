import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationStore {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationStore>();

// Ids come from callers we do not control: keep them short and log-safe (no spaces, quotes, newlines).
const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The header a caller may set to tie our logs and jobs to its own trace; echoed on every response. */
export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * The correlation id of the current unit of work (an HTTP request, a job), carried through
 * async calls by AsyncLocalStorage so loggers and job producers can read it without plumbing.
 */
export const CorrelationContext = {
  /** Runs `fn` (and everything it awaits or schedules) with `correlationId` as the current id. */
  run<T>(correlationId: string, fn: () => T): T {
    return storage.run({ correlationId }, fn);
  },

  /** The id of the current unit of work, or undefined outside of one (boot, timers of their own). */
  currentId(): string | undefined {
    return storage.getStore()?.correlationId;
  },

  newCorrelationId(): string {
    return randomUUID();
  },

  isValid(candidate: unknown): candidate is string {
    return typeof candidate === 'string' && VALID_CORRELATION_ID.test(candidate);
  },

  /** The caller's id when it is well-formed, else a fresh one (a bad header is not worth a 400). */
  fromHeader(header: string | string[] | undefined): string {
    const candidate = Array.isArray(header) ? header[0] : header;
    return CorrelationContext.isValid(candidate) ? candidate : randomUUID();
  },
};

/** Standalone form of `CorrelationContext.newCorrelationId` for callers that prefer a function. */
export function newCorrelationId(): string {
  return randomUUID();
}
