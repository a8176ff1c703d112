import { z } from 'zod';
import {
  authMethodSchema,
  cdrTokenSchema,
  chargingPeriodSchema,
  countryCodeSchema,
  geoLocationSchema,
  nonNegativeNumberSchema,
  ocpiCiString,
  ocpiDateTimeSchema,
  ocpiString,
  partyIdSchema,
  priceSchema,
} from './ocpi-primitives';

// OCPI 2.2.1 mod_cdrs "CDR object". Tariffs are kept opaque: we settle on energy, not on the
// CPO's tariff structure, and the stored object keeps them for audit.

export const cdrLocationSchema = z.object({
  id: ocpiCiString(36),
  name: ocpiString(255).optional(),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(20).optional(),
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
  coordinates: geoLocationSchema,
  evse_uid: ocpiCiString(36),
  evse_id: ocpiCiString(48),
  connector_id: ocpiCiString(36),
  connector_standard: z.string().regex(/^[A-Z0-9_]{1,40}$/),
  connector_format: z.enum(['SOCKET', 'CABLE']),
  connector_power_type: z.enum(['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC']),
});

export const cdrSchema = z.object({
  country_code: countryCodeSchema,
  party_id: partyIdSchema,
  id: ocpiCiString(39),
  start_date_time: ocpiDateTimeSchema,
  end_date_time: ocpiDateTimeSchema,
  session_id: ocpiCiString(36).optional(),
  cdr_token: cdrTokenSchema,
  auth_method: authMethodSchema,
  authorization_reference: ocpiCiString(36).optional(),
  cdr_location: cdrLocationSchema,
  meter_id: ocpiString(255).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  tariffs: z.array(z.record(z.unknown())).optional(),
  charging_periods: z.array(chargingPeriodSchema).min(1),
  signed_data: z.record(z.unknown()).optional(),
  total_cost: priceSchema,
  total_fixed_cost: priceSchema.optional(),
  total_energy: nonNegativeNumberSchema,
  total_energy_cost: priceSchema.optional(),
  total_time: nonNegativeNumberSchema,
  total_time_cost: priceSchema.optional(),
  total_parking_time: nonNegativeNumberSchema.optional(),
  total_parking_cost: priceSchema.optional(),
  total_reservation_cost: priceSchema.optional(),
  remark: ocpiString(255).optional(),
  invoice_reference_id: ocpiCiString(39).optional(),
  credit: z.boolean().optional(),
  credit_reference_id: ocpiCiString(39).optional(),
  home_charging_compensation: z.boolean().optional(),
  last_updated: ocpiDateTimeSchema,
});

export type OcpiCdr = z.infer<typeof cdrSchema>;
