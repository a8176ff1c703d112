import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimeRange } from '@vpp/units';
import type { MarketGate } from '../../domain/calendar/market-gate';
import type { Market } from '../../domain/products/market-product';
import type { MarketGateStatus } from './market-gate.entity';

interface GateRow {
  gate_key: string;
  market: Market;
  product_code: string;
  product_version_id: string;
  delivery_day: string;
  period_start: Date;
  period_end: Date;
  gate_closure_at: Date;
  prepare_at: Date;
  status: MarketGateStatus;
  attempts: number;
  last_error: string | null;
}

export interface StoredMarketGate {
  readonly gate: MarketGate;
  readonly status: MarketGateStatus;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** Why a gate was missed (market_events.reason). */
export type MissedGateReason = 'job-after-gate' | 'counterparty-down-until-gate' | 'not-prepared-by-gate';

const COLUMNS = `gate_key, market, product_code, product_version_id, to_char(delivery_day, 'YYYY-MM-DD') AS delivery_day, period_start,
  period_end, gate_closure_at, prepare_at, status, attempts, last_error`;

/** `market_gates` and `market_events` in SQL; every method runs in the caller's transaction. */
@Injectable()
export class MarketGateStore {
  /** Plans a gate; false when it was planned before (the key is the primary key). */
  async insertPlanned(manager: EntityManager, gate: MarketGate, plannedAt: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO market_gates (gate_key, market, product_code, product_version_id, delivery_day, period_start, period_end,
         gate_closure_at, prepare_at, status, attempts, last_error, planned_at, prepared_at, missed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'scheduled', 0, NULL, $10, NULL, NULL)
       ON CONFLICT ON CONSTRAINT pk_market_gates DO NOTHING RETURNING 1`,
      [gate.key, gate.market, gate.productCode, gate.productVersionId, gate.deliveryDay, gate.period.start, gate.period.end, gate.gateClosureAt, gate.prepareAt, plannedAt],
    );
    return rows.length === 1;
  }

  /** The gate with its row locked until the transaction ends, so two deliveries never prepare it twice. */
  async lock(manager: EntityManager, gateKey: string): Promise<StoredMarketGate | undefined> {
    const rows: GateRow[] = await manager.query(`SELECT ${COLUMNS} FROM market_gates WHERE gate_key = $1 FOR UPDATE`, [gateKey]);
    return rows.length === 1 ? toStored(rows[0]) : undefined;
  }

  async find(manager: EntityManager, gateKey: string): Promise<StoredMarketGate | undefined> {
    const rows: GateRow[] = await manager.query(`SELECT ${COLUMNS} FROM market_gates WHERE gate_key = $1`, [gateKey]);
    return rows.length === 1 ? toStored(rows[0]) : undefined;
  }

  async markPrepared(manager: EntityManager, gateKey: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE market_gates SET status = 'prepared', prepared_at = $2, attempts = attempts + 1, last_error = NULL WHERE gate_key = $1 AND status = 'scheduled'`,
      [gateKey, at],
    );
  }

  async recordFailure(manager: EntityManager, gateKey: string, error: string): Promise<void> {
    await manager.query(`UPDATE market_gates SET attempts = attempts + 1, last_error = $2 WHERE gate_key = $1 AND status = 'scheduled'`, [gateKey, error]);
  }

  /** Marks a still-scheduled gate missed and records the operator event; false when it was not scheduled any more. */
  async markMissed(manager: EntityManager, gate: MarketGate, reason: MissedGateReason, message: string, at: Date): Promise<boolean> {
    const updated: unknown[] = await manager.query(
      `UPDATE market_gates SET status = 'missed', missed_at = $2 WHERE gate_key = $1 AND status = 'scheduled' RETURNING 1`,
      [gate.key, at],
    );
    if (updated.length === 0) return false;
    await manager.query(
      `INSERT INTO market_events (id, kind, gate_key, market, product_code, reason, message, occurred_at)
       VALUES ($1, 'gate-missed', $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT uq_market_events_kind_gate DO NOTHING`,
      [randomUUID(), gate.key, gate.market, gate.productCode, reason, message, at],
    );
    return true;
  }

  /** Scheduled gates already closed at `at` (no job prepared them), locked; others' locked rows are skipped. */
  async lockClosedScheduled(manager: EntityManager, at: Date): Promise<StoredMarketGate[]> {
    const rows: GateRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM market_gates WHERE status = 'scheduled' AND gate_closure_at <= $1 ORDER BY gate_closure_at FOR UPDATE SKIP LOCKED`,
      [at],
    );
    return rows.map(toStored);
  }
}

function toStored(row: GateRow): StoredMarketGate {
  return {
    gate: {
      key: row.gate_key,
      market: row.market,
      productCode: row.product_code,
      productVersionId: row.product_version_id,
      deliveryDay: row.delivery_day,
      period: TimeRange.of(row.period_start, row.period_end),
      gateClosureAt: row.gate_closure_at,
      prepareAt: row.prepare_at,
    },
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
