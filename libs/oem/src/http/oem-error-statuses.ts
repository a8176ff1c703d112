import { registerErrorStatuses } from '@vpp/observability';
import type { OemErrorCode } from '../domain/oem.errors';

export const OEM_ERROR_STATUSES: Record<OemErrorCode, number> = {
  OEM_RATE_LIMITED: 503,
  OEM_UNAVAILABLE: 503,
  OEM_BACKING_OFF: 503,
  OEM_BAD_RESPONSE: 502,
  OEM_AUTH_FAILED: 502,
  OEM_REQUEST_REJECTED: 502,
  OEM_UNKNOWN_CLOUD: 404,
  OEM_LINK_NOT_FOUND: 404,
  OEM_LINK_CONFLICT: 409,
  OEM_WEBHOOK_SIGNATURE_INVALID: 401,
  OEM_WEBHOOK_STALE: 401,
  OEM_WEBHOOK_REPLAYED: 409,
  OEM_WEBHOOK_INVALID: 400,
};

registerErrorStatuses(OEM_ERROR_STATUSES);
