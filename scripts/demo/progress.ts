import type { SimulatedClock } from './sim-clock';

/** Progress on stderr: wall time since start, stage, simulated clock, counts. stdout keeps the summary. */
export class Progress {
  private readonly startedAt = Date.now();

  constructor(private readonly clock: SimulatedClock) {}

  stage(name: string, detail = ''): void {
    const wall = ((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(6);
    const simulated = this.clock.now().toISOString().slice(0, 16).replace('T', ' ');
    process.stderr.write(`[${wall} s] [sim ${simulated}Z] ${name.padEnd(12)} ${detail}\n`);
  }

  get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }
}
