import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Award } from '../../domain/awards/award';

/** `market_awards` in SQL, in the caller's transaction. */
@Injectable()
export class AwardStore {
  /** Stores each award once per (client order id, period start); returns how many were new. */
  async insert(manager: EntityManager, gateKey: string, awards: readonly Award[], knownAt: Date): Promise<number> {
    if (awards.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO market_awards (id, bid_id, client_order_id, gate_key, portfolio_id, market, product_code, direction, period_start, period_end,
         quantity_mw, price, price_unit, pricing, labels, known_at)
       SELECT a.id, a.bid_id, a.client_order_id, $1, a.portfolio_id, a.market, a.product_code, a.direction, a.period_start, a.period_end,
              a.quantity_mw, a.price, a.price_unit, a.pricing, a.labels, $2
         FROM jsonb_to_recordset($3::jsonb) AS a(id uuid, bid_id uuid, client_order_id text, portfolio_id uuid, market text, product_code text,
              direction text, period_start timestamptz, period_end timestamptz, quantity_mw numeric, price numeric, price_unit text, pricing text, labels jsonb)
       ON CONFLICT ON CONSTRAINT uq_market_awards_order_period DO NOTHING RETURNING 1`,
      [
        gateKey,
        knownAt,
        JSON.stringify(
          awards.map((award) => ({
            id: randomUUID(),
            bid_id: award.bidId,
            client_order_id: award.clientOrderId,
            portfolio_id: award.portfolioId,
            market: award.market,
            product_code: award.productCode,
            direction: award.direction,
            period_start: award.period.start.toISOString(),
            period_end: award.period.end.toISOString(),
            quantity_mw: award.quantityMw.toFixed(),
            price: award.price.toFixed(),
            price_unit: award.priceUnit,
            pricing: award.pricing,
            labels: award.labels,
          })),
        ),
      ],
    );
    return rows.length;
  }
}
