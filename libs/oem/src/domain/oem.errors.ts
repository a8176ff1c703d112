/** Stable codes of the OEM context; the HTTP edge maps them to statuses. */
export const OEM_ERROR_CODES = [
  'OEM_RATE_LIMITED',
  'OEM_UNAVAILABLE',
  'OEM_BACKING_OFF',
  'OEM_BAD_RESPONSE',
  'OEM_AUTH_FAILED',
  'OEM_REQUEST_REJECTED',
  'OEM_UNKNOWN_CLOUD',
  'OEM_LINK_NOT_FOUND',
  'OEM_LINK_CONFLICT',
  'OEM_WEBHOOK_SIGNATURE_INVALID',
  'OEM_WEBHOOK_STALE',
  'OEM_WEBHOOK_REPLAYED',
  'OEM_WEBHOOK_INVALID',
] as const;
export type OemErrorCode = (typeof OEM_ERROR_CODES)[number];

export class OemError extends Error {
  constructor(
    readonly code: OemErrorCode,
    message: string,
    /** For OEM_RATE_LIMITED / OEM_BACKING_OFF: when calling again makes sense. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'OemError';
  }
}
