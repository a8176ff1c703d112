/**
 * Where the needs API reads "now" (a stated departure must lie ahead of it; set_at, boosts): the
 * wall clock in the apps; the demo binds its simulated clock, so a driver on a simulated day can
 * state a departure later that day.
 */
export interface MobilityClock {
  now(): Date;
}

export const MOBILITY_CLOCK = Symbol('MOBILITY_CLOCK');

export const systemMobilityClock: MobilityClock = { now: () => new Date() };
