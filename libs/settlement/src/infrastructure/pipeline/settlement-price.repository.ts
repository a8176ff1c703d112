import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Decimal, TimeRange } from '@vpp/units';

export interface SettlementPriceRow {
  readonly biddingZone: string;
  readonly ispStart: Date;
  readonly priceEurPerMwh: Decimal;
  readonly source: string;
}

/** Day-ahead prices as settlement uses them, one per ISP (an hourly price on each of its four ISPs). */
@Injectable()
export class SettlementPriceRepository {
  /** Stores prices; a price already stored for the ISP is kept (settled statements rest on it). */
  async saveDayAhead(manager: EntityManager, rows: readonly SettlementPriceRow[]): Promise<number> {
    return this.save(manager, 'day-ahead', rows);
  }

  /** Stores aFRR energy prices of one direction (the published marginal prices), first price kept. */
  async saveAfrrEnergy(manager: EntityManager, direction: 'up' | 'down', rows: readonly SettlementPriceRow[]): Promise<number> {
    return this.save(manager, `afrr-energy-${direction}`, rows);
  }

  /** aFRR energy prices of the zone's ISPs in `period`, keyed `<up|down>.<ISP start epoch ms>`. */
  async afrrEnergy(manager: EntityManager, biddingZone: string, period: TimeRange): Promise<Map<string, Decimal>> {
    const rows: { market: string; isp_start: Date; price: string }[] = await manager.query(
      `SELECT market, isp_start, price_eur_per_mwh::text AS price FROM settlement_prices
        WHERE market IN ('afrr-energy-up', 'afrr-energy-down') AND bidding_zone = $1 AND isp_start >= $2 AND isp_start < $3`,
      [biddingZone, period.start, period.end],
    );
    return new Map(rows.map((row) => [`${row.market === 'afrr-energy-up' ? 'up' : 'down'}.${row.isp_start.getTime()}`, new Decimal(row.price)]));
  }

  private async save(manager: EntityManager, market: string, rows: readonly SettlementPriceRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
       SELECT $5, z, t, p, s FROM unnest($1::text[], $2::timestamptz[], $3::numeric[], $4::text[]) AS u(z, t, p, s)
       ON CONFLICT ON CONSTRAINT pk_settlement_prices DO NOTHING RETURNING 1`,
      [rows.map((r) => r.biddingZone), rows.map((r) => r.ispStart), rows.map((r) => r.priceEurPerMwh.toString()), rows.map((r) => r.source), market],
    );
    return inserted.length;
  }

  /** Prices of the zone's ISPs in `period`, keyed by ISP start (epoch ms). */
  async dayAhead(manager: EntityManager, biddingZone: string, period: TimeRange): Promise<Map<number, Decimal>> {
    const rows: { isp_start: Date; price: string }[] = await manager.query(
      `SELECT isp_start, price_eur_per_mwh::text AS price FROM settlement_prices
        WHERE market = 'day-ahead' AND bidding_zone = $1 AND isp_start >= $2 AND isp_start < $3`,
      [biddingZone, period.start, period.end],
    );
    return new Map(rows.map((row) => [row.isp_start.getTime(), new Decimal(row.price)]));
  }
}
