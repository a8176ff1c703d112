import { Decimal } from '@vpp/units';
import { LedgerDirection, ReservationProduct } from '../portfolio/portfolio-products';
import { LedgerError } from './ledger.errors';
import { ispAt, LedgerLine, orderedLines } from './ledger-line';

/** What a bid (or an operator's manual trade) asks the ledger to hold. */
export interface ReservationRequest {
  readonly product: ReservationProduct;
  /** Needed for day-ahead and congestion, whose direction the trade decides; implied for FCR and aFRR. */
  readonly direction?: LedgerDirection;
  /** The bid id, or free text for a manual trade. */
  readonly reference: string;
  /** The same key returns the same reservation, however often it is sent. */
  readonly idempotencyKey: string;
  readonly isps: readonly { readonly ispStart: Date; readonly kw: Decimal }[];
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const MAX_REFERENCE_LENGTH = 500;

/**
 * The cells a product holds: FCR is symmetric, so each kW is held both up and down (MARKETS.md
 * section 1); aFRR up and down are separate products; day-ahead and congestion name theirs.
 */
export function directionsFor(product: ReservationProduct, direction: LedgerDirection | undefined): LedgerDirection[] {
  const implied: Partial<Record<ReservationProduct, LedgerDirection[]>> = { fcr: ['up', 'down'], afrr_up: ['up'], afrr_down: ['down'] };
  const fixed = implied[product];
  if (fixed) {
    if (direction !== undefined && !(fixed.length === 1 && fixed[0] === direction)) {
      throw new LedgerError('LEDGER_INVALID_REQUEST', `${product} holds ${fixed.join(' and ')}; do not give another direction`);
    }
    return fixed;
  }
  if (direction === undefined) throw new LedgerError('LEDGER_INVALID_REQUEST', `${product} needs a direction (up or down)`);
  return [direction];
}

export interface ValidReservation {
  readonly request: ReservationRequest;
  /** In ledger order. */
  readonly lines: readonly LedgerLine[];
  /** Canonical text of what was asked: a reused key with another request is refused, not merged. */
  readonly fingerprint: string;
}

export function validateReservation(request: ReservationRequest): ValidReservation {
  if (!IDEMPOTENCY_KEY_PATTERN.test(request.idempotencyKey)) {
    throw new LedgerError('LEDGER_INVALID_REQUEST', 'idempotency key must be 1..200 printable ASCII characters without spaces');
  }
  const reference = request.reference.trim();
  if (reference.length === 0 || reference.length > MAX_REFERENCE_LENGTH) {
    throw new LedgerError('LEDGER_INVALID_REQUEST', `reference must be 1..${MAX_REFERENCE_LENGTH} characters`);
  }
  const directions = directionsFor(request.product, request.direction);
  const lines = orderedLines(
    request.isps.flatMap((entry) => directions.map((direction) => ({ isp: ispAt(entry.ispStart), direction, kw: entry.kw }))),
    { allowZero: false },
  );
  const fingerprint = JSON.stringify([
    request.product,
    reference,
    lines.map((line) => [line.isp.start.toISOString(), line.direction, line.kw.toFixed()]),
  ]);
  return { request: { ...request, reference }, lines, fingerprint };
}
