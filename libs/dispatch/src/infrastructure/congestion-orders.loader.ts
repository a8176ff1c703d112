import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryDay, parseDecimal, PowerKw, PowerMw } from '@vpp/units';
import type { CongestionOrder } from '../application/congestion-caps';

interface FlexOrderRow {
  order_reference: string;
  activation_factor: string;
  message: { period?: string; timeZone?: string; ispDuration?: string; isps?: Array<{ start: number; duration: number; power: number }> };
  site_ids: string[];
}

interface IdconsAwardRow {
  id: string;
  quantity_mw: string;
  period_start: Date;
  period_end: Date;
  site_ids: string[];
}

// The only market time the units library knows: the Dutch delivery day with 15-minute ISPs.
const ZONE = 'Europe/Amsterdam';
const ISP_DURATION = 'PT15M';

/**
 * The congestion orders on a portfolio's sites that are active now or within `horizonMs`, from
 * libs/congestion's accepted UFTP FlexOrders (the ISPs where the ordered power is negative: less
 * load, times the activation factor) and libs/markets' IDCONS awards sold inside the congested
 * area (`sell` = consume less at the bid's location). Sites behind a congestion point are those of
 * its congestion area, or the site with the point's EAN when it has none. Read-only.
 */
@Injectable()
export class CongestionOrdersLoader {
  private readonly logger = new Logger(CongestionOrdersLoader.name);

  constructor(private readonly dataSource: DataSource) {}

  async load(portfolioId: string, now: Date, horizonMs: number): Promise<CongestionOrder[]> {
    const untilMs = now.getTime() + horizonMs;
    return [...(await this.flexOrders(portfolioId, now, untilMs)), ...(await this.idconsAwards(portfolioId, now, untilMs))];
  }

  private async flexOrders(portfolioId: string, now: Date, untilMs: number): Promise<CongestionOrder[]> {
    const today = DeliveryDay.containing(now);
    const rows: FlexOrderRow[] = await this.dataSource.query(
      `SELECT o.order_reference, o.activation_factor::text AS activation_factor, o.message, array_agg(DISTINCT g.site_id::text) AS site_ids
         FROM uftp_flex_orders o
         JOIN uftp_congestion_points cp ON cp.participant_id = o.participant_id AND cp.entity_address = o.message->>'congestionPoint'
         JOIN grid_connections g ON (cp.congestion_area IS NOT NULL AND g.congestion_area = cp.congestion_area) OR (cp.congestion_area IS NULL AND 'ean.' || g.ean = cp.entity_address)
         JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.portfolio_id = $1
        WHERE o.message->>'period' = ANY($2::text[])
        GROUP BY o.id`,
      [portfolioId, [today.isoDate, today.next().isoDate]],
    );
    const orders: CongestionOrder[] = [];
    for (const row of rows) {
      const { period, timeZone, ispDuration, isps } = row.message;
      if (period === undefined || isps === undefined || timeZone !== ZONE || ispDuration !== ISP_DURATION) {
        this.logger.warn({ orderReference: row.order_reference, timeZone, ispDuration }, 'FlexOrder outside the Dutch 15-minute market time: not applied');
        continue;
      }
      const day = DeliveryDay.of(period);
      const factor = parseDecimal(row.activation_factor);
      for (const isp of isps) {
        if (isp.power >= 0 || isp.start < 1 || isp.start + isp.duration - 1 > day.ispCount) continue;
        const fromMs = day.ispAt(isp.start).start.getTime();
        const toMs = day.ispAt(isp.start + isp.duration - 1).end.getTime();
        if (toMs <= now.getTime() || fromMs >= untilMs) continue;
        // UFTP power is in whole watts; the DSO may activate only part of the option.
        const reductionKw = PowerKw.of(parseDecimal(String(-isp.power)).div(1000).times(factor)).toFloat64ForOptimisation();
        orders.push({ source: 'uftp-flex-order', reference: row.order_reference, siteIds: row.site_ids, reductionKw, fromMs, toMs });
      }
    }
    return orders;
  }

  private async idconsAwards(portfolioId: string, now: Date, untilMs: number): Promise<CongestionOrder[]> {
    const rows: IdconsAwardRow[] = await this.dataSource.query(
      `SELECT a.id, a.quantity_mw::text AS quantity_mw, a.period_start, a.period_end, array_agg(DISTINCT g.site_id::text) AS site_ids
         FROM market_awards a
         JOIN bids b ON b.id = a.bid_id
         JOIN grid_connections g ON g.ean = b.location_ean
         JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.portfolio_id = a.portfolio_id
        WHERE a.portfolio_id = $1 AND a.market = 'idcons' AND a.direction = 'sell' AND a.period_end > $2 AND a.period_start < $3
        GROUP BY a.id`,
      [portfolioId, now, new Date(untilMs)],
    );
    return rows.map((row) => ({
      source: 'idcons-award' as const, reference: row.id, siteIds: row.site_ids,
      reductionKw: PowerMw.fromString(row.quantity_mw).toKw().toFloat64ForOptimisation(),
      fromMs: row.period_start.getTime(), toMs: row.period_end.getTime(),
    }));
  }
}
