/**
 * Life of one SetChargingProfile (mod_charging_profiles): recorded -> sent -> accepted (the CPO's
 * immediate ChargingProfileResponse) -> confirmed | rejected (the async ChargingProfileResult), or
 * timed_out when no result came within the deadline (OCPI has no retries: the timeout is how a
 * lost callback is detected), or failed when the CPO could not be reached or refused at once.
 */
/**
 * What the command asks the CPO (mod_charging_profiles "Receiver Interface"): PUT a profile, DELETE
 * (ClearProfile) or GET the ActiveChargingProfile. All three share the lifecycle below; the async
 * result (ChargingProfileResult, ClearProfileResult, ActiveChargingProfileResult) lands on our
 * response_url.
 */
export type ChargingProfileCommandKind = 'set' | 'clear' | 'get_active';

export type ChargingProfileCommandStatus = 'recorded' | 'sent' | 'accepted' | 'confirmed' | 'rejected' | 'failed' | 'timed_out';

export type ImmediateProfileResult = 'ACCEPTED' | 'NOT_SUPPORTED' | 'REJECTED' | 'TOO_OFTEN' | 'UNKNOWN_SESSION';
export type AsyncProfileResult = 'ACCEPTED' | 'REJECTED' | 'UNKNOWN';

export function statusAfterResponse(result: ImmediateProfileResult): ChargingProfileCommandStatus {
  return result === 'ACCEPTED' ? 'accepted' : 'rejected';
}

export function statusAfterResult(result: AsyncProfileResult): ChargingProfileCommandStatus {
  return result === 'ACCEPTED' ? 'confirmed' : 'rejected';
}

/** States from which a late async result may still complete the command. */
export const AWAITING_RESULT: readonly ChargingProfileCommandStatus[] = ['sent', 'accepted'];

/** The deadline for the async result: the CPO's own `timeout` when it gave one, else ours. */
export function resultDeadline(respondedAt: Date, cpoTimeoutSeconds: number, defaultTimeoutSeconds: number): Date {
  const seconds = cpoTimeoutSeconds > 0 ? Math.min(cpoTimeoutSeconds, defaultTimeoutSeconds) : defaultTimeoutSeconds;
  return new Date(respondedAt.getTime() + seconds * 1000);
}
