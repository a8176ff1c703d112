import { Decimal } from '@vpp/units';
import type { PortfolioFlexibility } from './congestion-flexibility';
import type { FlexOfferOption } from './uftp-messages';

/** Reservation ledger direction: `up` = less consumption, `down` = more (libs/flexibility). */
export type OfferLedgerDirection = 'up' | 'down';

/** What one portfolio's ledger must hold for an offer, in one direction. */
export interface OfferHolding {
  readonly portfolioId: string;
  readonly direction: OfferLedgerDirection;
  /** ISP numbers of the day (1-based) with the kW held, > 0, 3 decimals. */
  readonly isps: readonly { readonly ispNumber: number; readonly kw: Decimal }[];
}

const W_PER_KW = new Decimal(1000);

/**
 * The kW an offer holds: per ISP the largest power any of its options names (the DSO orders one
 * option; every smaller option fits inside the largest), split over the portfolios in their
 * order, each up to its own share (already capped by its ledger), in whole watts. UFTP power is
 * positive = consumption, so a negative option power (consume less) is ledger `up`.
 * Throws when the options ask for more than the shares hold: an offer never sells what no
 * ledger can hold.
 */
export function offerHoldings(options: readonly FlexOfferOption[], shares: readonly PortfolioFlexibility[]): OfferHolding[] {
  const largest = new Map<number, number>();
  for (const option of options) {
    for (const isp of option.isps) {
      for (let n = isp.start; n < isp.start + isp.duration; n += 1) {
        const current = largest.get(n) ?? 0;
        if (Math.abs(isp.power) > Math.abs(current)) largest.set(n, isp.power);
      }
    }
  }
  const lines = new Map<string, { portfolioId: string; direction: OfferLedgerDirection; isps: { ispNumber: number; kw: Decimal }[] }>();
  for (const [ispNumber, powerW] of [...largest.entries()].sort((a, b) => a[0] - b[0])) {
    const direction: OfferLedgerDirection = powerW < 0 ? 'up' : 'down';
    let remainingW = Math.abs(powerW);
    for (const share of shares) {
      if (remainingW === 0) break;
      const kw = direction === 'up' ? share.downKw[ispNumber - 1] : share.upKw[ispNumber - 1];
      const takenW = Math.min(remainingW, Math.floor((kw ?? 0) * 1000 + 1e-6));
      if (takenW <= 0) continue;
      const key = `${share.portfolioId}/${direction}`;
      const line = lines.get(key) ?? { portfolioId: share.portfolioId, direction, isps: [] };
      line.isps.push({ ispNumber, kw: new Decimal(takenW).dividedBy(W_PER_KW) });
      lines.set(key, line);
      remainingW -= takenW;
    }
    if (remainingW > 0) throw new Error(`ISP ${ispNumber}: the offer names ${Math.abs(powerW)} W, the portfolios hold ${Math.abs(powerW) - remainingW} W`);
  }
  return [...lines.values()];
}

/** The ledger idempotency key of an offer's holding in one portfolio and direction. */
export function offerHoldingKey(offerId: string, holding: Pick<OfferHolding, 'portfolioId' | 'direction'>): string {
  return `uftp-offer.${offerId}.${holding.portfolioId}.${holding.direction}`;
}

/** The ledger reservation's reference: how the sweep finds an offer's reservations. */
export function offerReservationReference(offerId: string): string {
  return `uftp-offer ${offerId}`;
}
