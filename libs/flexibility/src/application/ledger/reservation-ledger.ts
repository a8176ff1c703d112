import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@vpp/access';
import { Decimal, Isp, parseDecimal } from '@vpp/units';
import { AvailabilityEntry, validateAvailability } from '../../domain/ledger/availability';
import { LedgerError } from '../../domain/ledger/ledger.errors';
import { cellKey, LedgerLine } from '../../domain/ledger/ledger-line';
import { ReservationRequest, validateReservation, ValidReservation } from '../../domain/ledger/reservation-request';
import { LedgerDirection, marketOf, PortfolioMarket } from '../../domain/portfolio/portfolio-products';
import { cellArrays, lockCells, lockedCellOf } from './ledger-cells';
import { readReservation } from './reservation-reader';
import type { ReservationOutcome, ReservationView } from './reservation.view';
import { runStatement } from './sql-result';

const kwArray = (lines: readonly LedgerLine[]): string[] => lines.map((line) => line.kw.toFixed());

/**
 * The reservation ledger (issue 4 item 6): one place where capacity per portfolio, ISP and
 * direction is held for a product, so the same kW is never sold twice across FCR, aFRR,
 * day-ahead and congestion management. Callers inside the platform (bidding, the planner) use it
 * by portfolio id; the HTTP edge checks the operator's tenant first.
 *
 * Every write runs in one transaction: lock the touched cells in ledger order, then one
 * conditional UPDATE whose row count must equal the number of cells; anything short rolls the
 * whole request back. `ck_ledger_capacity_reserved` (reserved <= available) backs it up.
 */
@Injectable()
export class ReservationLedger {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sets what the portfolio can deliver per ISP and direction (the planner's aggregation). Never
   * below what is already reserved: such a request is refused whole, naming the cells.
   */
  async setAvailability(portfolioId: string, entries: readonly AvailabilityEntry[], now = new Date()): Promise<{ cells: number }> {
    const lines = validateAvailability(entries);
    return this.dataSource.transaction(async (manager) => {
      await this.portfolioMarkets(manager, portfolioId);
      const locked = await lockCells(manager, portfolioId, lines);
      const below = lines.filter((line) => {
        const cell = lockedCellOf(locked, line);
        return cell !== undefined && line.kw.lessThan(cell.reservedKw);
      });
      if (below.length > 0) {
        const first = below[0];
        throw new LedgerError(
          'LEDGER_AVAILABLE_BELOW_RESERVED',
          `${below.length} cell(s) would fall below what is reserved, e.g. ${cellKey(first)}: ${first.kw.toFixed()} kW < ${lockedCellOf(locked, first)?.reservedKw.toFixed()} kW reserved; release reservations first`,
        );
      }
      const [starts, directions] = cellArrays(lines);
      const { affected } = await runStatement(
        manager,
        `INSERT INTO ledger_capacity (portfolio_id, isp_start, direction, available_kw, reserved_kw, updated_at)
         SELECT $1, r.isp_start, r.direction, r.kw, 0, $5
           FROM unnest($2::timestamptz[], $3::text[], $4::numeric[]) AS r(isp_start, direction, kw)
          ORDER BY r.isp_start, r.direction
         ON CONFLICT (portfolio_id, isp_start, direction)
         DO UPDATE SET available_kw = EXCLUDED.available_kw, updated_at = EXCLUDED.updated_at
          WHERE ledger_capacity.reserved_kw <= EXCLUDED.available_kw`,
        [portfolioId, starts, directions, kwArray(lines), now],
      );
      if (affected !== lines.length) throw new LedgerError('LEDGER_AVAILABLE_BELOW_RESERVED', 'capacity would fall below what is reserved');
      return { cells: lines.length };
    });
  }

  /**
   * Holds capacity for a product in every requested ISP, or in none. The same idempotency key
   * returns the reservation it created first (also after a release), without holding more; the
   * same key with a different request is refused.
   */
  async reserve(portfolioId: string, request: ReservationRequest, now = new Date()): Promise<ReservationOutcome> {
    const valid = validateReservation(request);
    const fingerprint = createHash('sha256').update(valid.fingerprint).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const markets = await this.portfolioMarkets(manager, portfolioId);
      if (!markets.includes(marketOf(request.product))) {
        throw new LedgerError('LEDGER_PRODUCT_NOT_IN_PORTFOLIO', `the portfolio is not in the ${marketOf(request.product)} market`);
      }
      const id = randomUUID();
      // A concurrent request with the same key waits here on the unique index until the first commits or rolls back.
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO reservations (id, portfolio_id, product, reference, idempotency_key, request_fingerprint, status, reserved_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'held', $7)
         ON CONFLICT (portfolio_id, idempotency_key) DO NOTHING RETURNING id`,
        [id, portfolioId, request.product, valid.request.reference, request.idempotencyKey, fingerprint, now],
      );
      if (inserted.length === 0) return this.replay(manager, portfolioId, request.idempotencyKey, fingerprint);
      await this.hold(manager, portfolioId, valid, now);
      const [starts, directions] = cellArrays(valid.lines);
      await manager.query(
        `INSERT INTO reservation_lines (reservation_id, portfolio_id, isp_start, direction, kw)
         SELECT $1, $2, r.isp_start, r.direction, r.kw FROM unnest($3::timestamptz[], $4::text[], $5::numeric[]) AS r(isp_start, direction, kw)`,
        [id, portfolioId, starts, directions, kwArray(valid.lines)],
      );
      return { reservation: await this.mustRead(manager, id), replayed: false };
    });
  }

  /** Gives the held kW back, exactly once: releasing a released reservation changes nothing. */
  async release(portfolioId: string, reservationId: string, reason: string, now = new Date()): Promise<ReservationView> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { status: string }[] = await manager.query(`SELECT status FROM reservations WHERE id = $1 AND portfolio_id = $2 FOR UPDATE`, [reservationId, portfolioId]);
      if (rows.length === 0) throw notFound('reservation');
      if (rows[0].status === 'held') {
        const lines: { isp_start: Date; direction: LedgerDirection }[] = await manager.query(
          `SELECT isp_start, direction FROM reservation_lines WHERE reservation_id = $1`,
          [reservationId],
        );
        await lockCells(manager, portfolioId, lines.map((line) => ({ isp: Isp.startingAt(line.isp_start), direction: line.direction })));
        const { affected } = await runStatement(
          manager,
          `UPDATE ledger_capacity c SET reserved_kw = c.reserved_kw - l.kw, updated_at = $3
             FROM reservation_lines l
            WHERE l.reservation_id = $1 AND c.portfolio_id = $2 AND c.isp_start = l.isp_start AND c.direction = l.direction`,
          [reservationId, portfolioId, now],
        );
        if (affected !== lines.length) throw new Error(`release of ${reservationId} touched ${affected} of ${lines.length} cells`);
        await manager.query(`UPDATE reservations SET status = 'released', released_at = $2, release_reason = $3 WHERE id = $1 AND status = 'held'`, [
          reservationId,
          now,
          reason.trim().slice(0, 500) || 'released',
        ]);
      }
      return this.mustRead(manager, reservationId);
    });
  }

  async reservation(portfolioId: string, reservationId: string): Promise<ReservationView> {
    const view = await readReservation(this.dataSource.manager, { id: reservationId });
    if (!view || view.portfolioId !== portfolioId) throw notFound('reservation');
    return view;
  }

  private async hold(manager: EntityManager, portfolioId: string, valid: ValidReservation, now: Date): Promise<void> {
    const { lines, request } = valid;
    const locked = await lockCells(manager, portfolioId, lines);
    const short = lines.find((line) => {
      const cell = lockedCellOf(locked, line);
      return !cell || cell.reservedKw.plus(line.kw).greaterThan(cell.availableKw);
    });
    if (short) {
      const cell = lockedCellOf(locked, short);
      const free = cell ? cell.availableKw.minus(cell.reservedKw) : new Decimal(0);
      throw new LedgerError('LEDGER_INSUFFICIENT_CAPACITY', `${cellKey(short)}: ${short.kw.toFixed()} kW asked, ${free.toFixed()} kW free`);
    }
    await this.checkPrequalification(manager, portfolioId, valid);
    const [starts, directions] = cellArrays(lines);
    const { affected } = await runStatement(
      manager,
      `UPDATE ledger_capacity c SET reserved_kw = c.reserved_kw + r.kw, updated_at = $5
         FROM unnest($2::timestamptz[], $3::text[], $4::numeric[]) AS r(isp_start, direction, kw)
        WHERE c.portfolio_id = $1 AND c.isp_start = r.isp_start AND c.direction = r.direction AND c.reserved_kw + r.kw <= c.available_kw`,
      [portfolioId, starts, directions, kwArray(lines), now],
    );
    if (affected !== lines.length) throw new LedgerError('LEDGER_INSUFFICIENT_CAPACITY', `${request.product}: not enough free capacity in every ISP`);
  }

  /**
   * The product's held kW plus the request must stay within the prequalified capacity. Safe
   * without a constraint: the same product on the same cells takes the same cell locks first.
   */
  private async checkPrequalification(manager: EntityManager, portfolioId: string, { lines, request }: ValidReservation): Promise<void> {
    const caps: { capacity_kw: string }[] = await manager.query(
      `SELECT capacity_kw FROM portfolio_prequalifications WHERE portfolio_id = $1 AND product = $2 FOR SHARE`,
      [portfolioId, request.product],
    );
    const cap = caps.length === 0 ? new Decimal(0) : parseDecimal(caps[0].capacity_kw);
    const [starts, directions] = cellArrays(lines);
    const held: { isp_start: Date; direction: string; kw: string }[] = await manager.query(
      `SELECT l.isp_start, l.direction, sum(l.kw)::text AS kw
         FROM reservation_lines l
         JOIN reservations v ON v.id = l.reservation_id AND v.status = 'held' AND v.product = $4
         JOIN unnest($2::timestamptz[], $3::text[]) AS r(isp_start, direction) ON r.isp_start = l.isp_start AND r.direction = l.direction
        WHERE l.portfolio_id = $1
        GROUP BY l.isp_start, l.direction`,
      [portfolioId, starts, directions, request.product],
    );
    const heldByCell = new Map(held.map((row) => [`${row.isp_start.toISOString()}/${row.direction}`, parseDecimal(row.kw)]));
    const over = lines.find((line) => (heldByCell.get(cellKey(line)) ?? new Decimal(0)).plus(line.kw).greaterThan(cap));
    if (over) {
      throw new LedgerError(
        'LEDGER_PREQUALIFICATION_EXCEEDED',
        `${cellKey(over)}: ${request.product} would hold ${(heldByCell.get(cellKey(over)) ?? new Decimal(0)).plus(over.kw).toFixed()} kW, prequalified ${cap.toFixed()} kW`,
      );
    }
  }

  private async replay(manager: EntityManager, portfolioId: string, idempotencyKey: string, fingerprint: string): Promise<ReservationOutcome> {
    const rows: { id: string; request_fingerprint: string }[] = await manager.query(
      `SELECT id, request_fingerprint FROM reservations WHERE portfolio_id = $1 AND idempotency_key = $2`,
      [portfolioId, idempotencyKey],
    );
    if (rows[0].request_fingerprint !== fingerprint) {
      throw new LedgerError('LEDGER_IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a different reservation');
    }
    return { reservation: await this.mustRead(manager, rows[0].id), replayed: true };
  }

  private async portfolioMarkets(manager: EntityManager, portfolioId: string): Promise<PortfolioMarket[]> {
    const rows: { market: PortfolioMarket }[] = await manager.query(`SELECT market FROM portfolio_markets WHERE portfolio_id = $1`, [portfolioId]);
    if (rows.length === 0) throw notFound('portfolio');
    return rows.map((row) => row.market);
  }

  private async mustRead(manager: EntityManager, id: string): Promise<ReservationView> {
    const view = await readReservation(manager, { id });
    if (!view) throw new Error(`reservation ${id} vanished inside its transaction`);
    return view;
  }
}
