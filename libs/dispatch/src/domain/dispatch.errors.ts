/** Stable codes of dispatch domain errors; the apps map them to their own statuses. */
export type DispatchErrorCode = 'FLEET_FULL' | 'DUPLICATE_SESSION' | 'UNKNOWN_SESSION' | 'UNKNOWN_SITE' | 'INVALID_SITE_TREE' | 'INVALID_INPUT';

/** A dispatch rule was broken. Carries no HTTP knowledge. */
export class DispatchError extends Error {
  constructor(
    readonly code: DispatchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DispatchError';
  }
}
