import { z } from 'zod';
import { EnergyKwh } from '@vpp/units';
import { parseOcpiDateTime } from '../domain/ocpi-date-time';

/** OCPI DateTime (types.asciidoc), parsed to a Date so ordering by `last_updated` is exact. */
export const ocpiDateTimeSchema = z
  .string()
  .max(25)
  .transform((text, ctx) => {
    const instant = parseOcpiDateTime(text);
    if (instant === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an OCPI DateTime in UTC, e.g. 2026-11-25T21:53:00Z' });
      return z.NEVER;
    }
    return instant;
  });

/** `string(n)`: printable, at most n characters. */
export const ocpiString = (max: number) => z.string().max(max);

/** `CiString(n)`: case-insensitive ASCII, at most n characters. */
export const ocpiCiString = (max: number) => z.string().min(1).max(max).regex(/^[\x20-\x7e]+$/, 'must be printable ASCII');

export const countryCodeSchema = z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
export const partyIdSchema = z.string().regex(/^[A-Za-z0-9]{3}$/, 'must be 3 characters (ISO 15118 party id)');

/** OCPI `number`: JSON decimals, non-negative where the spec measures energy, power or time. */
export const nonNegativeNumberSchema = z.number().finite().nonnegative();

/**
 * An OCPI kWh `number` as a Decimal. JSON numbers reach us as JS numbers; toFixed(6) is exact for
 * every kWh value OCPI carries, and from there on the quantity stays a Decimal.
 */
export function ocpiKwh(kwh: number): EnergyKwh {
  return EnergyKwh.fromString(kwh.toFixed(6));
}

export const displayTextSchema = z.object({ language: ocpiString(2), text: ocpiString(512) });

export const geoLocationSchema = z.object({
  latitude: z.string().regex(/^-?[0-9]{1,2}\.[0-9]{5,7}$/, 'must be a decimal latitude with 5-7 decimals'),
  longitude: z.string().regex(/^-?[0-9]{1,3}\.[0-9]{5,7}$/, 'must be a decimal longitude with 5-7 decimals'),
});

export const priceSchema = z.object({ excl_vat: nonNegativeNumberSchema, incl_vat: nonNegativeNumberSchema.optional() });

/** OCPI 2.2.1 CdrDimensionType, session-only values included (mod_cdrs "CdrDimensionType"). */
export const cdrDimensionTypeSchema = z.enum([
  'CURRENT', 'ENERGY', 'ENERGY_EXPORT', 'ENERGY_IMPORT', 'MAX_CURRENT', 'MIN_CURRENT', 'MAX_POWER', 'MIN_POWER',
  'PARKING_TIME', 'POWER', 'RESERVATION_TIME', 'STATE_OF_CHARGE', 'TIME',
]);

export const chargingPeriodSchema = z.object({
  start_date_time: ocpiDateTimeSchema,
  dimensions: z.array(z.object({ type: cdrDimensionTypeSchema, volume: z.number().finite() })).min(1),
  tariff_id: ocpiCiString(36).optional(),
});

export const cdrTokenSchema = z.object({
  country_code: countryCodeSchema,
  party_id: partyIdSchema,
  uid: ocpiCiString(36),
  type: z.enum(['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID']),
  contract_id: ocpiCiString(36),
});

export const authMethodSchema = z.enum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']);
