import type { BidDraft } from '../products/bid-draft';

const compact = (instant: Date): string => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/**
 * A bid's idempotency key: portfolio, product, period, direction, variant (ladder step, EAN) and
 * the known_at of its inputs. Preparing again from the same inputs finds the same keys; it is also
 * the ledger reservation's idempotency key (printable ASCII, no spaces, < 200 characters).
 */
export function bidKeyOf(portfolioId: string, draft: BidDraft, variant: string, knownAt: Date): string {
  const parts = ['bid', draft.productCode, portfolioId, draft.direction, compact(draft.period.start), compact(knownAt)];
  if (variant !== '') parts.push(variant.replace(/[^\x21-\x7e]/g, '_'));
  return parts.join('.');
}
