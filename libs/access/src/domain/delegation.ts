/** Operator org -> client org, granted by the client organisation (it owns the data). */
export interface DelegationWindow {
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly revokedAt: Date | null;
}

export function isDelegationActive(delegation: DelegationWindow, now: Date): boolean {
  if (delegation.revokedAt !== null && delegation.revokedAt.getTime() <= now.getTime()) return false;
  return delegation.validFrom.getTime() <= now.getTime() && now.getTime() < delegation.validTo.getTime();
}

/** The longest a single grant may last; a client renews it deliberately rather than forgetting it. */
export const MAX_DELEGATION_DAYS = 90;

export function delegationWindowProblem(validFrom: Date, validTo: Date): string | null {
  if (validTo.getTime() <= validFrom.getTime()) return 'validTo must be after validFrom';
  if (validTo.getTime() - validFrom.getTime() > MAX_DELEGATION_DAYS * 86_400_000) {
    return `a delegation lasts at most ${MAX_DELEGATION_DAYS} days`;
  }
  return null;
}
