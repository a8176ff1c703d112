/** Stable error codes of the access context; the HTTP layer maps them to statuses. */
export const ACCESS_ERROR_CODES = [
  'AUTH_REQUIRED',
  'API_KEY_INVALID',
  'API_KEY_REVOKED',
  'API_KEY_EXPIRED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'CREDENTIALS_INVALID',
  'FORBIDDEN_ROLE',
  'NOT_FOUND',
  'DELEGATION_REQUIRED',
  'DELEGATION_INVALID',
  'RATE_LIMITED',
  'CONFLICT',
] as const;
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

/** Another tenant's id and a missing id look the same, so ids do not leak across tenants. */
export function notFound(entityType: string): AccessError {
  return new AccessError('NOT_FOUND', `${entityType} not found`);
}

export class RateLimitedError extends AccessError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `rate limit exceeded; retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
