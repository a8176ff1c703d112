/**
 * Where the platform reads "now": the wall clock in the apps. A process that runs a simulated day
 * (the demo, the backtest) overrides this one provider, and every context's clock follows it, so
 * no context can be left on the wall clock by accident.
 */
export interface PlatformClock {
  now(): Date;
}

export const PLATFORM_CLOCK = Symbol('PLATFORM_CLOCK');

export const systemClock: PlatformClock = { now: () => new Date() };
