import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MarketEventView {
  readonly id: string;
  readonly kind: 'gate-missed';
  readonly gateKey: string;
  readonly market: string;
  readonly productCode: string;
  readonly deliveryDay: string;
  readonly periodStart: string;
  readonly gateClosureAt: string;
  readonly reason: string;
  readonly message: string;
  readonly occurredAt: string;
}

interface Row {
  id: string; kind: 'gate-missed'; gate_key: string; market: string; product_code: string; delivery_day: string;
  period_start: Date; gate_closure_at: Date; reason: string; message: string; occurred_at: Date;
}

/** Operator-visible market events, newest first (GET /v1/market-events). */
@Injectable()
export class MarketEventsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { since?: Date; limit: number }): Promise<MarketEventView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT e.id, e.kind, e.gate_key, e.market, e.product_code, to_char(g.delivery_day, 'YYYY-MM-DD') AS delivery_day, g.period_start,
              g.gate_closure_at, e.reason, e.message, e.occurred_at
       FROM market_events e JOIN market_gates g ON g.gate_key = e.gate_key
       WHERE $1::timestamptz IS NULL OR e.occurred_at >= $1
       ORDER BY e.occurred_at DESC, e.id LIMIT $2`,
      [filter.since ?? null, filter.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      gateKey: r.gate_key,
      market: r.market,
      productCode: r.product_code,
      deliveryDay: r.delivery_day,
      periodStart: r.period_start.toISOString(),
      gateClosureAt: r.gate_closure_at.toISOString(),
      reason: r.reason,
      message: r.message,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }
}
