/** Stable codes of the mobility-needs context; the HTTP edge maps them to statuses. */
export const MOBILITY_ERROR_CODES = [
  'DEPARTURE_IN_PAST',
  'DEPARTURE_BEFORE_ARRIVAL',
  'NEED_AMBIGUOUS',
  'ENERGY_NEED_NOT_POSITIVE',
  'SOC_OUT_OF_RANGE',
  'MIN_SOC_ABOVE_TARGET',
  'SESSION_ENDED',
] as const;
export type MobilityErrorCode = (typeof MOBILITY_ERROR_CODES)[number];

export class MobilityError extends Error {
  constructor(
    readonly code: MobilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MobilityError';
  }
}
