import { Decimal, EnergyKwh } from '@vpp/units';
import { FleetError } from './fleet.errors';

/** What a driver or a source says about a session's needs. */
export interface SessionNeeds {
  readonly arrivalAt: Date;
  readonly expectedDepartureAt: Date | null;
  readonly energyNeedKwh: EnergyKwh | null;
  readonly targetSocPct: Decimal | null;
  readonly minSocPct: Decimal | null;
}

/** Why a live session's needs cannot be planned with; stored in `sessions.unusable_reason`. */
export type SessionNeedsIssue = 'departure_before_arrival' | 'zero_energy_need' | 'min_soc_above_target';

/**
 * The first reason the needs are unusable for planning, or null. Such a session is still stored
 * (the EV is really there) but flagged, so planners skip it instead of planning nonsense.
 * Out-of-range SoC is a malformed input, not a planning issue: it throws `INVALID_SOC`.
 */
export function sessionNeedsIssue(needs: SessionNeeds): SessionNeedsIssue | null {
  assertSoc(needs.targetSocPct, 'target');
  assertSoc(needs.minSocPct, 'min');
  if (needs.expectedDepartureAt !== null && needs.expectedDepartureAt.getTime() <= needs.arrivalAt.getTime()) return 'departure_before_arrival';
  if (needs.energyNeedKwh !== null && !needs.energyNeedKwh.isPositive()) return 'zero_energy_need';
  if (needs.targetSocPct !== null && needs.minSocPct !== null && needs.minSocPct.greaterThan(needs.targetSocPct)) return 'min_soc_above_target';
  return null;
}

/** Throws the coded error for the first issue (for inputs that must be refused, e.g. a driver's API call). */
export function assertSessionNeeds(needs: SessionNeeds): void {
  const issue = sessionNeedsIssue(needs);
  if (issue === 'departure_before_arrival') throw new FleetError('DEPARTURE_BEFORE_ARRIVAL', 'expected departure is not after arrival');
  if (issue === 'zero_energy_need') throw new FleetError('ZERO_ENERGY_NEED', 'energy need must be more than 0 kWh');
  if (issue === 'min_soc_above_target') throw new FleetError('INVALID_SOC', 'min SoC is above the target SoC');
}

function assertSoc(soc: Decimal | null, which: string): void {
  if (soc === null) return;
  if (soc.isNegative() || soc.greaterThan(100)) throw new FleetError('INVALID_SOC', `${which} SoC ${soc.toFixed()} % is outside 0-100`);
}
