import { registerErrorStatuses } from '@vpp/observability';
import type { AccessErrorCode } from '../domain/access.errors';

export const ACCESS_ERROR_STATUSES: Record<AccessErrorCode, number> = {
  AUTH_REQUIRED: 401,
  API_KEY_INVALID: 401,
  API_KEY_REVOKED: 401,
  API_KEY_EXPIRED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  CREDENTIALS_INVALID: 401,
  FORBIDDEN_ROLE: 403,
  DELEGATION_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DELEGATION_INVALID: 422,
  RATE_LIMITED: 429,
};

registerErrorStatuses(ACCESS_ERROR_STATUSES);
