import type { PlatformClock } from '@vpp/config';

/**
 * The demo's accelerated time: one simulated instant that the orchestrator moves forward stage by
 * stage. The platform reads it as its PLATFORM_CLOCK (markets, dispatch intake, mobility needs,
 * telemetry checks); the planner, congestion and settlement use cases take `now`/`knownAt`
 * explicitly, and the demo passes this clock's instant.
 */
export class SimulatedClock implements PlatformClock {
  constructor(private instant: Date) {}

  now(): Date {
    return new Date(this.instant.getTime());
  }

  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }
}
