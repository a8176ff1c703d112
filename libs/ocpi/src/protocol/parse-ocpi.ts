import type { z } from 'zod';
import { OcpiError } from '../domain/ocpi.errors';

/** Validates a payload against a 2.2.1 schema; every problem is listed, so the sender can fix all at once. */
export function parseOcpi<S extends z.ZodTypeAny>(schema: S, payload: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new OcpiError('OCPI_INVALID_PAYLOAD', `Invalid ${what}`, details);
  }
  return result.data as z.infer<S>;
}
