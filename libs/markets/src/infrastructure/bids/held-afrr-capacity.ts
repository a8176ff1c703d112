import type { EntityManager } from 'typeorm';
import { Decimal, type DeliveryDay } from '@vpp/units';

/**
 * aFRR capacity MW this portfolio holds per block and direction for a day: its aFRR capacity bids
 * that were reserved (and not rejected since). Energy bids offer exactly that (MARKETS.md section 2:
 * awarded capacity must be offered as energy; before the award, the reserved bid is what we hold).
 */
export async function heldAfrrCapacityMw(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<(blockStart: Date, direction: 'up' | 'down') => Decimal> {
  const rows: { period_start: Date; direction: 'up' | 'down'; mw: string }[] = await manager.query(
    `SELECT b.period_start, b.direction, sum(p.quantity_mw) AS mw
       FROM bids b JOIN bid_points p ON p.bid_id = b.id
      WHERE b.portfolio_id = $1 AND b.market = 'afrr' AND b.delivery_day = $2 AND b.direction IN ('up', 'down')
        AND b.status IN ('reserved', 'submitted', 'awarded')
        AND b.period_end - b.period_start > interval '1 hour'
      GROUP BY b.period_start, b.direction`,
    [portfolioId, day.isoDate],
  );
  const held = new Map(rows.map((r) => [`${r.period_start.getTime()}/${r.direction}`, new Decimal(r.mw)]));
  return (blockStart, direction) => held.get(`${blockStart.getTime()}/${direction}`) ?? new Decimal(0);
}
