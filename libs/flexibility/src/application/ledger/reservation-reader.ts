import type { EntityManager } from 'typeorm';
import { parseDecimal } from '@vpp/units';
import type { LedgerDirection } from '../../domain/portfolio/portfolio-products';
import { ReservationEntity } from '../../infrastructure/ledger/reservation.entity';
import type { ReservationView } from './reservation.view';

/** A reservation with its lines, or null. */
export async function readReservation(manager: EntityManager, where: { id: string } | { portfolioId: string; idempotencyKey: string }): Promise<ReservationView | null> {
  const row = await manager.findOne(ReservationEntity, { where });
  if (!row) return null;
  const lines: { isp_start: Date; direction: LedgerDirection; kw: string }[] = await manager.query(
    `SELECT isp_start, direction, kw FROM reservation_lines WHERE reservation_id = $1 ORDER BY isp_start, direction`,
    [row.id],
  );
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    product: row.product,
    reference: row.reference,
    idempotencyKey: row.idempotencyKey,
    status: row.status,
    reservedAt: row.reservedAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
    releaseReason: row.releaseReason,
    lines: lines.map((line) => ({ ispStart: line.isp_start.toISOString(), direction: line.direction, kw: parseDecimal(line.kw).toFixed() })),
  };
}
