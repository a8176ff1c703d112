import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { DispatcherLoops } from '@vpp/dispatch';
import type { SimulatedClock } from './sim-clock';

const CYCLE_MS = 4_000;

export interface DispatchOutcome {
  readonly from: string;
  readonly to: string;
  readonly cycles: number;
  readonly activeCycles: number;
  readonly maxCommandsPerCycle: number;
  /** Session commands the loop handed to fan-out (dispatch_commands), per kind:status as the channels answered so far. */
  readonly commandsByStatus: Record<string, number>;
  readonly meanCommandKw: Record<string, string>;
  /** Energy-weighted aFRR tracking error from dispatch_tracking_isps; null without an aFRR activation in the sample. */
  readonly trackingErrorPct: string | null;
}

/**
 * The production PortfolioLoop of the demo portfolio (DispatcherLoops.createLoop, not started on a
 * timer) ticked every 4 s of simulated time over a sampled window, with the lease checked in that
 * time too. Its commands go through fan-out to the simulated CPOs over OCPI as on a live day.
 */
export async function dispatchWindow(app: NestFastifyApplication, dataSource: DataSource, portfolioId: string, clock: SimulatedClock, from: Date, to: Date): Promise<DispatchOutcome> {
  const loop = app.get(DispatcherLoops, { strict: false }).createLoop(portfolioId, () => clock.now().getTime());
  let cycles = 0;
  let activeCycles = 0;
  let maxCommandsPerCycle = 0;
  try {
    for (let t = from.getTime(); t < to.getTime(); t += CYCLE_MS) {
      clock.set(new Date(t));
      const report = await loop.tick(clock.now());
      cycles += 1;
      if (report.role === 'active') activeCycles += 1;
      maxCommandsPerCycle = Math.max(maxCommandsPerCycle, report.changedCommands);
    }
  } finally {
    await loop.stop(true);
  }
  const statuses: { key: string; n: number; kw: string }[] = await dataSource.query(
    `SELECT c.kind || ':' || c.status AS key, count(*)::int AS n, round(avg(c.power_kw), 3)::text AS kw
       FROM dispatch_commands c JOIN dispatch_command_batches b ON b.id = c.batch_id WHERE b.portfolio_id = $1 GROUP BY 1 ORDER BY 1`,
    [portfolioId],
  );
  const tracking: { pct: string | null }[] = await dataSource.query(
    `SELECT CASE WHEN sum(abs(target_kwh)) > 0 THEN round(100 * sum(abs_error_kwh) / sum(abs(target_kwh)), 2)::text END AS pct
       FROM dispatch_tracking_isps WHERE portfolio_id = $1 AND activation = 'afrr' AND isp_start >= $2 AND isp_start < $3`,
    [portfolioId, from, to],
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    cycles,
    activeCycles,
    maxCommandsPerCycle,
    commandsByStatus: Object.fromEntries(statuses.map((r) => [r.key, r.n])),
    meanCommandKw: Object.fromEntries(statuses.map((r) => [r.key, r.kw])),
    trackingErrorPct: tracking[0]?.pct ?? null,
  };
}
