import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReservationLedger } from '@vpp/flexibility';
import type { DeliveryDay } from '@vpp/units';
import type { PortfolioFlexibility } from '../domain/congestion-flexibility';
import { offerHoldingKey, offerHoldings, offerReservationReference } from '../domain/offer-reservation';
import type { FlexOfferOption } from '../domain/uftp-messages';

/** A ledger reservation an offer holds, as recorded in the offer's inputs. */
export interface HeldOfferReservation {
  readonly portfolioId: string;
  readonly direction: 'up' | 'down';
  readonly reservationId: string;
  readonly idempotencyKey: string;
}

/**
 * FlexOffers in the reservation ledger (product `congestion`): an offer holds the kW of its largest
 * option in the portfolios behind the point when it is made, keeps them when the DSO orders it
 * (the whole offer's kW, as a partly awarded curve does in the markets), and gives them back when
 * it expires unordered or the DSO rejects it. The ledger decides races: a reservation it refuses
 * means no offer. One idempotency key per offer, portfolio and direction; the reservation's
 * reference names the offer, which is how release finds it.
 */
@Injectable()
export class OfferReservations {
  private readonly logger = new Logger(OfferReservations.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ReservationLedger,
  ) {}

  /** Holds every portfolio's part of the offer, or none (what was held is released again on a refusal). */
  async hold(offerId: string, day: DeliveryDay, options: readonly FlexOfferOption[], shares: readonly PortfolioFlexibility[], now: Date): Promise<HeldOfferReservation[]> {
    const held: HeldOfferReservation[] = [];
    try {
      for (const holding of offerHoldings(options, shares)) {
        const idempotencyKey = offerHoldingKey(offerId, holding);
        const outcome = await this.ledger.reserve(
          holding.portfolioId,
          {
            product: 'congestion',
            direction: holding.direction,
            reference: offerReservationReference(offerId),
            idempotencyKey,
            isps: holding.isps.map((isp) => ({ ispStart: day.ispAt(isp.ispNumber).start, kw: isp.kw })),
          },
          now,
        );
        held.push({ portfolioId: holding.portfolioId, direction: holding.direction, reservationId: outcome.reservation.id, idempotencyKey });
      }
      return held;
    } catch (error) {
      await this.undo(held, 'offer not made: another reservation took the capacity first', now);
      throw error;
    }
  }

  /** Gives back what the offer holds (exactly once: releasing a released reservation changes nothing). */
  async release(offerId: string, reason: string, now = new Date()): Promise<number> {
    const rows: { id: string; portfolio_id: string }[] = await this.dataSource.query(
      `SELECT id, portfolio_id FROM reservations WHERE reference = $1 AND product = 'congestion' AND status = 'held'`,
      [offerReservationReference(offerId)],
    );
    for (const row of rows) await this.ledger.release(row.portfolio_id, row.id, reason, now);
    if (rows.length > 0) this.logger.log({ msg: 'offer reservations released', offerId, reservations: rows.length, reason });
    return rows.length;
  }

  /**
   * What the expiry job runs: releases the offer's reservations when it expired unordered by `now`
   * (0 when it was ordered or holds nothing). Throws `OfferNotExpiredYet` before its expiry, so a
   * job that fires early is retried instead of leaving the kW held.
   */
  async releaseIfExpiredUnordered(offerId: string, now = new Date()): Promise<number> {
    const rows: { expires_at: Date; ordered: boolean }[] = await this.dataSource.query(`SELECT expires_at, ordered_at IS NOT NULL AS ordered FROM uftp_flex_offers WHERE id = $1`, [offerId]);
    const offer = rows[0];
    if (!offer || offer.ordered) return 0;
    if (offer.expires_at.getTime() > now.getTime()) throw new OfferNotExpiredYet(offerId, offer.expires_at);
    return this.release(offerId, 'offer expired without a FlexOrder', now);
  }

  /** Every offer expired unordered by `now` that still holds kW: a sweep, should an expiry job have been lost. */
  async releaseExpired(now = new Date()): Promise<number> {
    const offers: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM uftp_flex_offers o
        WHERE o.ordered_at IS NULL AND o.expires_at <= $1
          AND EXISTS (SELECT 1 FROM reservations r WHERE r.reference = 'uftp-offer ' || o.id::text AND r.product = 'congestion' AND r.status = 'held')`,
      [now],
    );
    let released = 0;
    for (const offer of offers) released += await this.release(offer.id, 'offer expired without a FlexOrder', now);
    return released;
  }

  /** Releases reservations whose offer was never stored (its transaction rolled back). */
  async undo(held: readonly HeldOfferReservation[], reason: string, now: Date): Promise<void> {
    for (const reservation of held) await this.ledger.release(reservation.portfolioId, reservation.reservationId, reason, now);
  }
}

export class OfferNotExpiredYet extends Error {
  constructor(offerId: string, expiresAt: Date) {
    super(`FlexOffer ${offerId} expires at ${expiresAt.toISOString()}`);
    this.name = 'OfferNotExpiredYet';
  }
}
