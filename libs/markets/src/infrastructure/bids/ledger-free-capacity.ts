import type { EntityManager } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import type { FreeCapacity } from '../../domain/bids/day-ahead-bids';

/**
 * What the reservation ledger has free per ISP of a day and direction, kW (0 where the planner
 * wrote no availability). float8 on purpose: it sizes bids (optimisation side), the reservation
 * itself is exact.
 */
export async function ledgerFreeCapacity(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<FreeCapacity> {
  const isps = day.isps();
  const index = new Map(isps.map((isp, t) => [isp.start.getTime(), t]));
  const upKw = new Float64Array(isps.length);
  const downKw = new Float64Array(isps.length);
  const rows: { isp_start: Date; direction: 'up' | 'down'; free_kw: number }[] = await manager.query(
    `SELECT isp_start, direction, (available_kw - reserved_kw)::float8 AS free_kw
       FROM ledger_capacity WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3`,
    [portfolioId, day.start, day.end],
  );
  for (const row of rows) {
    const t = index.get(row.isp_start.getTime());
    if (t === undefined) continue;
    (row.direction === 'up' ? upKw : downKw)[t] = Math.max(0, row.free_kw);
  }
  return { upKw, downKw };
}
