/**
 * Where the needs API reads "now" (a stated departure must lie ahead of it; set_at, boosts): the
 * platform clock (PLATFORM_CLOCK: the wall clock in the apps, the demo's simulated clock), so a driver on a simulated day can
 * state a departure later that day.
 */
export interface MobilityClock {
  now(): Date;
}

export const MOBILITY_CLOCK = Symbol('MOBILITY_CLOCK');
