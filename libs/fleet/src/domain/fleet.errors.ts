/** Stable codes of fleet domain errors; the apps map them to HTTP or protocol statuses. */
export type FleetErrorCode =
  | 'INVALID_EAN'
  | 'INVALID_SESSION_TRANSITION'
  | 'DEPARTURE_BEFORE_ARRIVAL'
  | 'ZERO_ENERGY_NEED'
  | 'INVALID_SOC'
  | 'SESSION_NOT_FOUND'
  | 'INCOMPLETE_SESSION'
  | 'UNKNOWN_ENTITY'
  | 'INVALID_LATENCY'
  | 'INVALID_PARTY';

/** A fleet rule was broken. Carries no HTTP knowledge (STYLE.md 9.3). */
export class FleetError extends Error {
  constructor(
    readonly code: FleetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FleetError';
  }
}
