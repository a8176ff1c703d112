import { z } from 'zod/v4';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { parseDecimal } from '@vpp/units';

// Quantities travel as decimal strings (never JSON numbers), at most the column's scale:
// power numeric(14,3), energy numeric(19,6).
export const powerKw = (what: string) => z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, `${what} is a decimal string of kW with at most 3 decimals`);
export const positivePowerKw = (what: string) => powerKw(what).refine((text) => parseDecimal(text).isPositive(), `${what} must be above 0`);
export const positiveEnergyKwh = (what: string) =>
  z.string().regex(/^\d{1,13}(\.\d{1,6})?$/, `${what} is a decimal string of kWh with at most 6 decimals`).refine((text) => parseDecimal(text).isPositive(), `${what} must be above 0`);

export const text = (max: number) => z.string().trim().min(1).max(max);

/** The operator's own key for an asset: the idempotency key of its create request. */
export const reference = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a reference is 1-64 of A-Z a-z 0-9 . _ : -');

export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. NL');

export const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}, 'an IANA time zone, e.g. Europe/Amsterdam');

/** The OpenAPI schema of a request body, from the same zod schema that validates it. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json as SchemaObject;
}
