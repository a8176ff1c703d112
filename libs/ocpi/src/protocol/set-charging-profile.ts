import { Decimal, RoundingMode } from '@vpp/units';
import { formatOcpiDateTime } from '../domain/ocpi-date-time';

/** A charging profile as our planners express it: exact decimals, rounded here for the wire. */
export interface ChargingProfileInput {
  readonly chargingRateUnit: 'W' | 'A';
  /** Max limits from `startPeriodSeconds` after the profile start (a limit, never a target). */
  readonly periods: readonly { readonly startPeriodSeconds: number; readonly limit: Decimal }[];
  readonly minChargingRate?: Decimal;
  readonly durationSeconds?: number;
  readonly startDateTime?: Date;
}

// mod_charging_profiles: `limit` and `min_charging_rate` have at most one decimal. A limit rounds
// DOWN, so the CPO never lets the EV draw more than we planned.
function oneDecimal(value: Decimal): string {
  return value.toDecimalPlaces(1, RoundingMode.TOWARD_ZERO).toFixed(1);
}

/**
 * The JSON body of `PUT {chargingprofiles}/{session_id}` (SetChargingProfile). Written by hand so
 * decimals go on the wire as JSON numbers straight from their exact string form, without a float.
 */
export function serializeSetChargingProfile(profile: ChargingProfileInput, responseUrl: string): string {
  const fields: string[] = [];
  if (profile.startDateTime) fields.push(`"start_date_time":${JSON.stringify(formatOcpiDateTime(profile.startDateTime))}`);
  if (profile.durationSeconds !== undefined) fields.push(`"duration":${Math.trunc(profile.durationSeconds)}`);
  fields.push(`"charging_rate_unit":${JSON.stringify(profile.chargingRateUnit)}`);
  if (profile.minChargingRate) fields.push(`"min_charging_rate":${oneDecimal(profile.minChargingRate)}`);
  const periods = profile.periods.map((p) => `{"start_period":${Math.trunc(p.startPeriodSeconds)},"limit":${oneDecimal(p.limit)}}`);
  fields.push(`"charging_profile_period":[${periods.join(',')}]`);
  return `{"charging_profile":{${fields.join(',')}},"response_url":${JSON.stringify(responseUrl)}}`;
}
