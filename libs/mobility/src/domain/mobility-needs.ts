import { Decimal } from '@vpp/units';
import { MobilityError } from './mobility.errors';

export const MOBILITY_NEEDS_SOURCES = ['driver-app', 'reservation-system', 'operator'] as const;
export type MobilityNeedsSource = (typeof MOBILITY_NEEDS_SOURCES)[number];

/**
 * What the driver (or the reservation system acting for the next driver) says the car needs.
 * Energy need and target SoC are two ways to say the same thing: at most one is set.
 */
export interface MobilityNeeds {
  readonly departureAt: Date | null;
  readonly energyNeedKwh: Decimal | null;
  readonly targetSocPct: Decimal | null;
  readonly minSocPct: Decimal | null;
}

export const NO_NEEDS: MobilityNeeds = { departureAt: null, energyNeedKwh: null, targetSocPct: null, minSocPct: null };

/** A change: absent keeps the current value, null clears it. */
export type MobilityNeedsChange = { readonly [K in keyof MobilityNeeds]?: MobilityNeeds[K] };

export function applyChange(current: MobilityNeeds, change: MobilityNeedsChange): MobilityNeeds {
  const next = { ...current };
  for (const key of Object.keys(change) as (keyof MobilityNeeds)[]) {
    const value = change[key];
    if (value !== undefined) (next as Record<keyof MobilityNeeds, unknown>)[key] = value;
  }
  // Setting one kind of need replaces the other, so a driver switching from kWh to % is not refused.
  if (change.energyNeedKwh && change.targetSocPct === undefined) next.targetSocPct = null;
  if (change.targetSocPct && change.energyNeedKwh === undefined) next.energyNeedKwh = null;
  return next;
}

const HUNDRED = new Decimal(100);

function assertSoc(name: string, value: Decimal | null): void {
  if (value !== null && (value.isNegative() || value.gt(HUNDRED) || value.decimalPlaces() > 2)) {
    throw new MobilityError('SOC_OUT_OF_RANGE', `${name} must be between 0 and 100 % with at most 2 decimals`);
  }
}

/**
 * The checks a set of needs must pass before it overrides anything (issue 3 item 6 and its bad
 * input: departure before arrival, zero energy need). `arrivalAt` is null for a vehicle's needs.
 */
export function validateNeeds(needs: MobilityNeeds, context: { now: Date; arrivalAt: Date | null }): void {
  if (needs.departureAt !== null) {
    if (needs.departureAt.getTime() <= context.now.getTime()) throw new MobilityError('DEPARTURE_IN_PAST', 'the departure time must be in the future');
    if (context.arrivalAt !== null && needs.departureAt.getTime() <= context.arrivalAt.getTime()) {
      throw new MobilityError('DEPARTURE_BEFORE_ARRIVAL', 'the departure time must be after the arrival of the session');
    }
  }
  if (needs.energyNeedKwh !== null && needs.targetSocPct !== null) {
    throw new MobilityError('NEED_AMBIGUOUS', 'give either an energy need or a target SoC, not both');
  }
  if (needs.energyNeedKwh !== null && (!needs.energyNeedKwh.isPositive() || needs.energyNeedKwh.isZero() || needs.energyNeedKwh.decimalPlaces() > 6)) {
    throw new MobilityError('ENERGY_NEED_NOT_POSITIVE', 'the energy need must be more than 0 kWh (at most 6 decimals)');
  }
  if (needs.energyNeedKwh !== null && needs.energyNeedKwh.gt(new Decimal(10_000))) {
    throw new MobilityError('ENERGY_NEED_NOT_POSITIVE', 'the energy need exceeds any vehicle battery');
  }
  assertSoc('targetSocPct', needs.targetSocPct);
  assertSoc('minSocPct', needs.minSocPct);
  if (needs.minSocPct !== null && needs.targetSocPct !== null && needs.minSocPct.gt(needs.targetSocPct)) {
    throw new MobilityError('MIN_SOC_ABOVE_TARGET', 'the minimum SoC cannot be above the target SoC');
  }
}
