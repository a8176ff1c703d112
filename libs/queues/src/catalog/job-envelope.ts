import { z } from 'zod';

/**
 * Idempotency keys double as BullMQ job ids, so they follow BullMQ's rules for custom ids: no
 * ':' (the key separator) and not an integer (those collide with generated ids). Starting with a
 * letter rules out the integer case. Build them from business ids: `probe.<uuid>`,
 * `activation.<id>.setpoints.<seq>`.
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{0,199}$/, 'must start with a letter and contain only A-Z a-z 0-9 . _ - (max 200)');

/** Same alphabet as `CorrelationContext.isValid` in libs/observability: log-safe, no spaces. */
export const correlationIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -');

/** Quantities travel as decimal strings, never as JS numbers (STYLE.md 9.6). */
export const decimalStringSchema = z.string().regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string like "-12.345"');

export const uuidSchema = z.string().uuid();

/**
 * The fields every job payload carries. Payloads are `strict`: an unknown field is rejected, so a
 * secret or a whole aggregate cannot ride along unnoticed.
 */
export function jobPayloadSchema<V extends number, S extends z.ZodRawShape>(schemaVersion: V, shape: S) {
  return z
    .object({
      schemaVersion: z.literal(schemaVersion),
      correlationId: correlationIdSchema,
      idempotencyKey: idempotencyKeySchema,
      ...shape,
    })
    .strict();
}

/** Builds an idempotency key from business ids, e.g. `buildIdempotencyKey('probe', id)` -> `probe.<id>`. */
export function buildIdempotencyKey(...parts: string[]): string {
  return idempotencyKeySchema.parse(parts.join('.'));
}
