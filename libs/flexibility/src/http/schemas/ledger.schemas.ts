import { z } from 'zod/v4';
import { MAX_LEDGER_LINES } from '../../domain/ledger/ledger-line';
import { LEDGER_DIRECTIONS, RESERVATION_PRODUCTS } from '../../domain/portfolio/portfolio-products';
import { instant, kw } from './ledger-api.primitives';

export const setAvailabilitySchema = z.strictObject({
  cells: z
    .array(z.strictObject({ ispStart: instant('ISP start'), direction: z.enum(LEDGER_DIRECTIONS), availableKw: kw('availableKw') }))
    .min(1)
    .max(MAX_LEDGER_LINES),
});
export type SetAvailabilityBody = z.output<typeof setAvailabilitySchema>;

/** A manual trade: holds capacity in every listed ISP, or in none. */
export const reserveSchema = z.strictObject({
  product: z.enum(RESERVATION_PRODUCTS),
  direction: z.enum(LEDGER_DIRECTIONS).optional().describe('only for day_ahead and congestion; FCR holds both, aFRR its own'),
  reference: z.string().trim().min(1).max(500),
  idempotencyKey: z.string().min(1).max(200).describe('the same key returns the same reservation'),
  isps: z
    .array(z.strictObject({ ispStart: instant('ISP start'), kw: kw('kw') }))
    .min(1)
    .max(MAX_LEDGER_LINES),
});
export type ReserveBody = z.output<typeof reserveSchema>;

export const releaseSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type ReleaseBody = z.output<typeof releaseSchema>;
