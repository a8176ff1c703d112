/**
 * Where the TSO feed's intake reads "now" (a message's age, its received-at): the wall clock in the
 * apps; the demo binds its simulated clock, so a feed stamped in simulated time is judged in it.
 */
export interface DispatchClock {
  now(): Date;
}

export const DISPATCH_CLOCK = Symbol('DISPATCH_CLOCK');

export const systemDispatchClock: DispatchClock = { now: () => new Date() };
