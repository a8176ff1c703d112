import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@vpp/access';
import { Decimal, DeliveryDay, parseDecimal } from '@vpp/units';
import { LEDGER_DIRECTIONS, LedgerDirection, ReservationProduct } from '../../domain/portfolio/portfolio-products';

export interface LedgerCellView {
  readonly availableKw: string;
  readonly reservedKw: string;
  readonly freeKw: string;
  /** Held kW per product; FCR shows in both directions. */
  readonly reservedByProductKw: Partial<Record<ReservationProduct, string>>;
}

export interface LedgerIspView {
  /** 1-based within the delivery day (UFTP numbering). */
  readonly isp: number;
  readonly start: string;
  readonly end: string;
  readonly up: LedgerCellView;
  readonly down: LedgerCellView;
}

export interface LedgerDayView {
  readonly portfolioId: string;
  readonly deliveryDay: string;
  readonly ispCount: number;
  readonly isps: readonly LedgerIspView[];
}

/** The ledger of one portfolio and delivery day, every ISP (92/96/100), cells never set shown as 0. */
@Injectable()
export class LedgerDayQuery {
  constructor(private readonly dataSource: DataSource) {}

  async view(portfolioId: string, day: DeliveryDay): Promise<LedgerDayView> {
    // One snapshot, so cell totals and per-product sums agree.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const exists: unknown[] = await manager.query(`SELECT 1 FROM portfolios WHERE id = $1`, [portfolioId]);
      if (exists.length === 0) throw notFound('portfolio');
      const cells: { isp_start: Date; direction: LedgerDirection; available_kw: string; reserved_kw: string }[] = await manager.query(
        `SELECT isp_start, direction, available_kw, reserved_kw FROM ledger_capacity WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3`,
        [portfolioId, day.start, day.end],
      );
      const held: { isp_start: Date; direction: LedgerDirection; product: ReservationProduct; kw: string }[] = await manager.query(
        `SELECT l.isp_start, l.direction, v.product, sum(l.kw)::text AS kw
           FROM reservation_lines l JOIN reservations v ON v.id = l.reservation_id AND v.status = 'held'
          WHERE l.portfolio_id = $1 AND l.isp_start >= $2 AND l.isp_start < $3
          GROUP BY l.isp_start, l.direction, v.product`,
        [portfolioId, day.start, day.end],
      );
      const key = (start: Date, direction: LedgerDirection): string => `${start.getTime()}/${direction}`;
      const cellByKey = new Map(cells.map((row) => [key(row.isp_start, row.direction), row]));
      const heldByKey = new Map<string, Partial<Record<ReservationProduct, string>>>();
      for (const row of held) {
        const entry = heldByKey.get(key(row.isp_start, row.direction)) ?? {};
        entry[row.product] = parseDecimal(row.kw).toFixed();
        heldByKey.set(key(row.isp_start, row.direction), entry);
      }
      const cellView = (start: Date, direction: LedgerDirection): LedgerCellView => {
        const row = cellByKey.get(key(start, direction));
        const available = row ? parseDecimal(row.available_kw) : new Decimal(0);
        const reserved = row ? parseDecimal(row.reserved_kw) : new Decimal(0);
        return {
          availableKw: available.toFixed(),
          reservedKw: reserved.toFixed(),
          freeKw: available.minus(reserved).toFixed(),
          reservedByProductKw: heldByKey.get(key(start, direction)) ?? {},
        };
      };
      const isps = day.isps().map((isp, i) => {
        const [up, down] = LEDGER_DIRECTIONS.map((direction) => cellView(isp.start, direction));
        return { isp: i + 1, start: isp.start.toISOString(), end: isp.end.toISOString(), up, down };
      });
      return { portfolioId, deliveryDay: day.isoDate, ispCount: day.ispCount, isps };
    });
  }
}
