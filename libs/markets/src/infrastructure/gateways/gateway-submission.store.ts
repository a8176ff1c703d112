import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubmittedOrder } from '../../domain/awards/award';
import type { CounterpartyKind, GatewayOrder } from '../../domain/gateways/gateway-order';
import type { BidDirection, Market } from '../../domain/products/market-product';

interface SubmissionRow {
  client_order_id: string;
  bid_id: string;
  portfolio_id: string;
  market: Market;
  product_code: string;
  direction: BidDirection;
  reservation_id: string | null;
}

const toOrder = (row: SubmissionRow): SubmittedOrder => ({
  clientOrderId: row.client_order_id,
  bid: { bidId: row.bid_id, portfolioId: row.portfolio_id, market: row.market, productCode: row.product_code, direction: row.direction, reservationId: row.reservation_id },
});

/** `gateway_submissions`: one row per order sent, keyed by its client order id; the caller's transaction. */
@Injectable()
export class GatewaySubmissionStore {
  /** Orders the counterparty took (`submitted`, waiting for results) or refused at once (`refused`). */
  async recordSent(manager: EntityManager, gateKey: string, counterparty: CounterpartyKind, orders: readonly GatewayOrder[], status: 'submitted' | 'refused', at: Date): Promise<void> {
    if (orders.length === 0) return;
    await manager.query(
      `INSERT INTO gateway_submissions (client_order_id, gate_key, bid_id, portfolio_id, market, product_code, direction, counterparty, reservation_id, status, submitted_at)
       SELECT o.client_order_id, $1, o.bid_id, o.portfolio_id, o.market, o.product_code, o.direction, $2, o.reservation_id, $5, $3
         FROM jsonb_to_recordset($4::jsonb) AS o(client_order_id text, bid_id uuid, portfolio_id uuid, market text, product_code text, direction text, reservation_id uuid)
       ON CONFLICT ON CONSTRAINT pk_gateway_submissions DO NOTHING`,
      [
        gateKey,
        counterparty,
        at,
        JSON.stringify(
          orders.map(({ clientOrderId, bid }) => ({
            client_order_id: clientOrderId,
            bid_id: bid.bidId,
            portfolio_id: bid.portfolioId,
            market: bid.market,
            product_code: bid.productCode,
            direction: bid.direction,
            reservation_id: bid.reservationId,
          })),
        ),
        status,
      ],
    );
  }

  /** The gate's orders still waiting for their result, locked so two collectors never record it twice. */
  async lockAwaitingResults(manager: EntityManager, gateKey: string): Promise<SubmittedOrder[]> {
    const rows: SubmissionRow[] = await manager.query(
      `SELECT client_order_id, bid_id, portfolio_id, market, product_code, direction, reservation_id
         FROM gateway_submissions WHERE gate_key = $1 AND status = 'submitted' ORDER BY client_order_id FOR UPDATE`,
      [gateKey],
    );
    return rows.map(toOrder);
  }

  async recordResults(manager: EntityManager, awarded: readonly string[], notAwarded: readonly string[], at: Date): Promise<void> {
    await manager.query(`UPDATE gateway_submissions SET status = 'awarded', result_at = $2 WHERE client_order_id = ANY($1::text[]) AND status = 'submitted'`, [awarded, at]);
    await manager.query(`UPDATE gateway_submissions SET status = 'not-awarded', result_at = $2 WHERE client_order_id = ANY($1::text[]) AND status = 'submitted'`, [notAwarded, at]);
  }
}
