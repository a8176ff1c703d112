import { registerErrorStatuses } from '@vpp/observability';
import type { CongestionErrorCode } from '../domain/congestion.errors';

/** HTTP statuses of congestion errors on /v1 (problem+json). A UFTP rejection is 422 with the RejectionReason as detail. */
export const CONGESTION_ERROR_STATUSES: Record<CongestionErrorCode, number> = {
  UFTP_REJECTED: 422,
  UFTP_INVALID_KEY: 400,
  UFTP_INVALID_BODY: 400,
  UFTP_UNKNOWN_PARTICIPANT: 404,
  UFTP_PARTICIPANT_EXISTS: 409,
  UFTP_UNKNOWN_ORDER: 404,
  UFTP_NOT_SETTLED: 404,
  UFTP_UNKNOWN_REQUEST: 404,
  UFTP_CONGESTION_POINT_EXISTS: 409,
  IDCONS_INVALID_EVENT: 422,
  IDCONS_NO_PORTFOLIO: 404,
  IDCONS_NO_PRICE: 422,
  IDCONS_PLATFORM_UNAVAILABLE: 503,
};

registerErrorStatuses(CONGESTION_ERROR_STATUSES);
