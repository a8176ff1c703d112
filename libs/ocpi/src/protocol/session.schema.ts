import { z } from 'zod';
import {
  authMethodSchema,
  cdrTokenSchema,
  chargingPeriodSchema,
  countryCodeSchema,
  nonNegativeNumberSchema,
  ocpiCiString,
  ocpiDateTimeSchema,
  ocpiString,
  partyIdSchema,
  priceSchema,
} from './ocpi-primitives';

// OCPI 2.2.1 mod_sessions "Session object" and "ChargingPreferences object".

export const sessionStatusSchema = z.enum(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION']);

export const sessionSchema = z.object({
  country_code: countryCodeSchema,
  party_id: partyIdSchema,
  id: ocpiCiString(36),
  start_date_time: ocpiDateTimeSchema,
  end_date_time: ocpiDateTimeSchema.optional(),
  kwh: nonNegativeNumberSchema,
  cdr_token: cdrTokenSchema,
  auth_method: authMethodSchema,
  authorization_reference: ocpiCiString(36).optional(),
  location_id: ocpiCiString(36),
  evse_uid: ocpiCiString(36),
  connector_id: ocpiCiString(36),
  meter_id: ocpiString(255).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  charging_periods: z.array(chargingPeriodSchema).optional(),
  total_cost: priceSchema.optional(),
  status: sessionStatusSchema,
  last_updated: ocpiDateTimeSchema,
});

export const sessionPatchSchema = sessionSchema.partial().required({ last_updated: true });

export const chargingPreferencesSchema = z.object({
  profile_type: z.enum(['CHEAP', 'FAST', 'GREEN', 'REGULAR']),
  departure_time: ocpiDateTimeSchema.optional(),
  energy_need: nonNegativeNumberSchema.optional(),
  discharge_allowed: z.boolean().optional(),
});

export type OcpiSession = z.infer<typeof sessionSchema>;
export type OcpiSessionPatch = z.infer<typeof sessionPatchSchema>;
export type OcpiChargingPreferences = z.infer<typeof chargingPreferencesSchema>;
