import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository } from '@vpp/access';
import { canMoveBid, type BidStatus } from '../../domain/bids/bid-status';
import { BidsError } from '../../domain/bids/bids.errors';
import { ledgerWithin } from '../../infrastructure/bids/ledger-within';
import { BID_PREPARER_ACTOR } from './bid-audit';

/**
 * What a gateway reports about a bid. `submitted` carries the counterparty's id of the order;
 * `rejected` (not cleared, or refused by the counterparty) releases the bid's ledger reservation.
 */
export type BidStatusChange =
  | { readonly status: 'submitted'; readonly externalRef?: string; readonly note?: string }
  | { readonly status: 'awarded'; readonly note?: string }
  | { readonly status: 'rejected'; readonly note: string };

export interface BidStatusUpdate {
  readonly bidId: string;
  readonly from: BidStatus;
  readonly to: BidStatus;
  /** False when the bid already had this status (a repeated report changes nothing). */
  readonly changed: boolean;
}

/**
 * The one way gateways (libs/markets gateways and awards) move a bid on: `validated`/`reserved`
 * -> `submitted` -> `awarded` | `rejected` (a bid may also be rejected before it is sent). Each
 * change is written with an audit entry in the caller's transaction when `manager` is given, else
 * in its own. Repeating a report is a no-op; a move the lifecycle does not allow throws
 * BidsError `BID_STATUS_TRANSITION_REFUSED`.
 */
@Injectable()
export class BidStatusUpdater {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async update(bidId: string, change: BidStatusChange, at: Date, manager?: EntityManager): Promise<BidStatusUpdate> {
    if (manager) return this.updateWithin(manager, bidId, change, at);
    return this.dataSource.transaction((m) => this.updateWithin(m, bidId, change, at));
  }

  private async updateWithin(manager: EntityManager, bidId: string, change: BidStatusChange, at: Date): Promise<BidStatusUpdate> {
    const rows: { status: BidStatus; portfolio_id: string; organisation_id: string; reservation_id: string | null }[] = await manager.query(
      `SELECT status, portfolio_id, organisation_id, reservation_id FROM bids WHERE id = $1 FOR UPDATE`,
      [bidId],
    );
    if (rows.length === 0) throw new BidsError('BID_NOT_FOUND', `no bid ${bidId}`);
    const { status: from, portfolio_id: portfolioId, organisation_id: organisationId, reservation_id: reservationId } = rows[0];
    if (from === change.status) return { bidId, from, to: from, changed: false };
    if (!canMoveBid(from, change.status)) {
      throw new BidsError('BID_STATUS_TRANSITION_REFUSED', `bid ${bidId} is ${from}; it cannot become ${change.status}`);
    }
    const externalRef = change.status === 'submitted' ? (change.externalRef ?? null) : null;
    await manager.query(
      `UPDATE bids SET status = $2, status_changed_at = $3, status_note = $4, external_ref = COALESCE($5, external_ref) WHERE id = $1`,
      [bidId, change.status, at, change.note ?? null, externalRef],
    );
    if (change.status === 'rejected' && reservationId !== null) {
      await ledgerWithin(manager).release(portfolioId, reservationId, `bid ${bidId} rejected: ${change.note}`, at);
    }
    await this.auditLog.append(manager, {
      organisationId,
      actor: BID_PREPARER_ACTOR,
      onBehalfOfOrganisationId: null,
      action: `bid.${change.status}`,
      entityType: 'bid',
      entityId: bidId,
      before: { status: from },
      after: { status: change.status, note: change.note ?? null, externalRef },
    });
    return { bidId, from, to: change.status, changed: true };
  }
}
