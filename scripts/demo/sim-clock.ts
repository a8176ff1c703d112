import type { MarketsClock } from '@vpp/markets';

/**
 * The demo's accelerated time: one simulated instant that the orchestrator moves forward stage by
 * stage. The markets context reads it through its MARKETS_CLOCK seam (the platform's only clock
 * abstraction); the planner, congestion and settlement use cases take `now`/`knownAt` explicitly,
 * and the demo passes this clock's instant.
 */
export class SimulatedClock implements MarketsClock {
  constructor(private instant: Date) {}

  now(): Date {
    return new Date(this.instant.getTime());
  }

  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }
}
