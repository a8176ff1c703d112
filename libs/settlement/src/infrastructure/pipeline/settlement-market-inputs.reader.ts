import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Decimal, DeliveryDay, TimeRange } from '@vpp/units';
import type { MeteredIsp, SettledAward, SettledFlexOrder, TrackedActivationIsp } from '../../domain/delivery/settled-inputs';
import { type FleetIspRow, meteredIspsByFleet } from './fleet-isp-rows';
import { LOCATED_METER_SQL } from './meter-aggregation.sql';

interface AwardRow {
  id: string;
  market: string;
  product_code: string;
  direction: string;
  period_start: Date;
  period_end: Date;
  quantity_mw: string;
  price: string;
  price_unit: string;
  labels: string[];
  pair_ref: string | null;
  side: string | null;
  site_ids: string[] | null;
}

interface TrackingRow {
  activation: string;
  isp_start: Date;
  target_kwh: string;
  measured_kwh: string;
}

interface FlexOrderRow {
  id: string;
  order_reference: string;
  activation_factor: string;
  price: string;
  currency: string;
  message: { period?: string; timeZone?: string; ispDuration?: string; isps?: Array<{ start: number; duration: number; power: number }> };
  site_ids: string[];
}

/** An award or FlexOrder with the portfolio's sites where it must be delivered. */
export interface Located<T> {
  readonly item: T;
  /** Sorted site ids; empty when the location is not known (IDCONS without a grid connection). */
  readonly siteIds: readonly string[];
}

// The only market time the units library knows: the Dutch delivery day with 15-minute ISPs.
const UFTP_ZONE = 'Europe/Amsterdam';
const UFTP_ISP_DURATION = 'PT15M';

/**
 * What the markets, dispatch and the DSO recorded for a portfolio, read for settlement: awards
 * starting in the period (a block belongs to the day it starts in, so none is settled twice) with
 * the IDCONS pairing and connection of their bids, tracked activations per ISP, the day's accepted
 * FlexOrders with the sites behind their congestion point, and the metered energy at some sites.
 * Ordered, so the same rows always give the same statement inputs.
 */
@Injectable()
export class SettlementMarketInputsReader {
  private readonly logger = new Logger(SettlementMarketInputsReader.name);

  async awards(manager: EntityManager, portfolioId: string, period: TimeRange): Promise<Located<SettledAward>[]> {
    const rows: AwardRow[] = await manager.query(
      `SELECT a.id, a.market, a.product_code, a.direction, a.period_start, a.period_end, a.quantity_mw::text AS quantity_mw, a.price::text AS price,
              a.price_unit, a.labels, b.pair_ref, b.built_from->'bid'->>'side' AS side,
              (SELECT array_agg(g.site_id::text ORDER BY g.site_id)
                 FROM grid_connections g JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.portfolio_id = a.portfolio_id
                WHERE g.ean = b.location_ean) AS site_ids
         FROM market_awards a LEFT JOIN bids b ON b.id = a.bid_id
        WHERE a.portfolio_id = $1 AND a.period_start >= $2 AND a.period_start < $3 AND a.market <> 'day-ahead'
        ORDER BY a.period_start, a.market, a.product_code, a.direction, a.client_order_id`,
      [portfolioId, period.start, period.end],
    );
    return rows.map((row) => ({
      item: {
        id: row.id,
        market: row.market,
        productCode: row.product_code,
        direction: row.direction,
        period: TimeRange.of(row.period_start, row.period_end),
        quantityMw: new Decimal(row.quantity_mw),
        price: new Decimal(row.price),
        priceUnit: row.price_unit,
        labels: row.labels,
        pairRef: row.pair_ref,
        side: row.side === 'inside' || row.side === 'outside' ? row.side : null,
      },
      siteIds: [...new Set(row.site_ids ?? [])],
    }));
  }

  async tracking(manager: EntityManager, portfolioId: string, period: TimeRange): Promise<TrackedActivationIsp[]> {
    const rows: TrackingRow[] = await manager.query(
      `SELECT activation, isp_start, target_kwh::text AS target_kwh, measured_kwh::text AS measured_kwh FROM dispatch_tracking_isps
        WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3 ORDER BY isp_start, activation`,
      [portfolioId, period.start, period.end],
    );
    return rows.map((row) => ({
      activation: row.activation,
      ispStart: row.isp_start,
      targetKwh: new Decimal(row.target_kwh),
      measuredKwh: new Decimal(row.measured_kwh),
    }));
  }

  /**
   * The day's FlexOrders on the portfolio's sites (behind the congestion point: its congestion
   * area's connections, or the connection with its EAN; as dispatch applies them). Ordered power
   * per ISP = the option's power x the activation factor.
   */
  async flexOrders(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<Located<SettledFlexOrder>[]> {
    const rows: FlexOrderRow[] = await manager.query(
      `SELECT o.id, o.order_reference, o.activation_factor::text AS activation_factor, o.price::text AS price, o.currency, o.message,
              array_agg(DISTINCT g.site_id::text) AS site_ids
         FROM uftp_flex_orders o
         JOIN uftp_congestion_points cp ON cp.participant_id = o.participant_id AND cp.entity_address = o.message->>'congestionPoint'
         JOIN grid_connections g ON (cp.congestion_area IS NOT NULL AND g.congestion_area = cp.congestion_area) OR (cp.congestion_area IS NULL AND 'ean.' || g.ean = cp.entity_address)
         JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.portfolio_id = $1
        WHERE o.message->>'period' = $2
        GROUP BY o.id
        ORDER BY o.order_reference, o.id`,
      [portfolioId, day.isoDate],
    );
    const orders: Located<SettledFlexOrder>[] = [];
    for (const row of rows) {
      const { timeZone, ispDuration, isps } = row.message;
      if (isps === undefined || timeZone !== UFTP_ZONE || ispDuration !== UFTP_ISP_DURATION || row.currency !== 'EUR') {
        this.logger.warn({ orderReference: row.order_reference, timeZone, ispDuration, currency: row.currency }, 'FlexOrder outside NL 15-minute EUR market time: not settled');
        continue;
      }
      const factor = new Decimal(row.activation_factor);
      const orderIsps = isps.flatMap((entry) =>
        Array.from({ length: entry.duration }, (_, k) => ({ ispStart: day.ispAt(entry.start + k).start, orderedFlexPowerW: new Decimal(entry.power).times(factor) })),
      );
      orders.push({
        item: { id: row.id, orderReference: row.order_reference, price: new Decimal(row.price), isps: orderIsps },
        siteIds: [...row.site_ids].sort(),
      });
    }
    return orders;
  }

  /** Per fleet, the metered energy of its sessions at `siteIds` (see `LOCATED_METER_SQL`). */
  async meterAt(manager: EntityManager, portfolioId: string, period: TimeRange, siteIds: readonly string[]): Promise<Map<string, MeteredIsp[]>> {
    const rows: FleetIspRow[] = await manager.query(LOCATED_METER_SQL, [portfolioId, period.start, period.end, siteIds]);
    return meteredIspsByFleet(rows);
  }
}
