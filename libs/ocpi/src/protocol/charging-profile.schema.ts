import { z } from 'zod';
import { ocpiDateTimeSchema, nonNegativeNumberSchema } from './ocpi-primitives';

// OCPI 2.2.1 mod_charging_profiles. A profile is a maximum limit, never a target or a discharge
// setpoint; limits and min_charging_rate have at most one decimal.

const oneDecimal = nonNegativeNumberSchema.refine((value) => Number.isInteger(value * 10), 'at most one decimal');

export const chargingProfilePeriodSchema = z.object({
  start_period: z.number().int().nonnegative(),
  limit: oneDecimal,
});

export const chargingProfileSchema = z.object({
  start_date_time: ocpiDateTimeSchema.optional(),
  duration: z.number().int().positive().optional(),
  charging_rate_unit: z.enum(['W', 'A']),
  min_charging_rate: oneDecimal.optional(),
  charging_profile_period: z.array(chargingProfilePeriodSchema).min(1).optional(),
});

export const activeChargingProfileSchema = z.object({
  start_date_time: ocpiDateTimeSchema,
  charging_profile: chargingProfileSchema,
});

/** The CPO's immediate answer to our PUT (ChargingProfileResponse). */
export const chargingProfileResponseSchema = z.object({
  result: z.enum(['ACCEPTED', 'NOT_SUPPORTED', 'REJECTED', 'TOO_OFTEN', 'UNKNOWN_SESSION']),
  timeout: z.number().int().nonnegative(),
});

/** What the CPO POSTs to our response_url: ChargingProfileResult, ActiveChargingProfileResult or ClearProfileResult. */
export const chargingProfileResultSchema = z.object({
  result: z.enum(['ACCEPTED', 'REJECTED', 'UNKNOWN']),
  profile: activeChargingProfileSchema.optional(),
});

export type OcpiChargingProfile = z.infer<typeof chargingProfileSchema>;
export type OcpiActiveChargingProfile = z.infer<typeof activeChargingProfileSchema>;
export type OcpiChargingProfileResponse = z.infer<typeof chargingProfileResponseSchema>;
export type OcpiChargingProfileResult = z.infer<typeof chargingProfileResultSchema>;

/** The wire form of SetChargingProfile (what we PUT), with DateTimes as OCPI strings. */
export interface SetChargingProfileBody {
  readonly charging_profile: {
    readonly start_date_time?: string;
    readonly duration?: number;
    readonly charging_rate_unit: 'W' | 'A';
    readonly min_charging_rate?: number;
    readonly charging_profile_period?: readonly { readonly start_period: number; readonly limit: number }[];
  };
  readonly response_url: string;
}
