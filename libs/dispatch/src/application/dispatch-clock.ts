/**
 * Where the TSO feed's intake reads "now" (a message's age, its received-at): the wall clock in the
 * apps (DispatchModule binds it to PLATFORM_CLOCK); the demo's simulated clock, so a feed stamped
 * in simulated time is judged in it.
 */
export interface DispatchClock {
  now(): Date;
}

export const DISPATCH_CLOCK = Symbol('DISPATCH_CLOCK');
