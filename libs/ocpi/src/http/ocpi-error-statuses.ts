import { registerErrorStatuses } from '@vpp/observability';
import type { OcpiErrorCode } from '../domain/ocpi.errors';

/**
 * HTTP statuses of OCPI errors, on /ocpi routes (inside the OCPI envelope) and on our /v1 API
 * (problem+json) alike. transport_and_format: 401 for an unknown token, 405 for a POST when
 * already registered or a PUT/DELETE when not (credentials.asciidoc), 404 for unknown objects.
 */
export const OCPI_ERROR_STATUSES: Record<OcpiErrorCode, number> = {
  OCPI_INVALID_PAYLOAD: 400,
  OCPI_MALFORMED_JSON: 400,
  OCPI_PAYLOAD_TOO_LARGE: 413,
  OCPI_UNKNOWN_LOCATION: 404,
  OCPI_UNKNOWN_SESSION: 404,
  OCPI_UNKNOWN_TOKEN: 401,
  OCPI_NOT_REGISTERED: 405,
  OCPI_ALREADY_REGISTERED: 405,
  OCPI_PARTY_MISMATCH: 400,
  OCPI_ROUTING_MISMATCH: 400,
  OCPI_UNKNOWN_COMMAND: 404,
  // The party gave us endpoints we cannot use: their problem, reported with OCPI's 3xxx codes.
  OCPI_PARTY_UNREACHABLE: 400,
  OCPI_UNSUPPORTED_VERSION: 400,
  OCPI_NO_MATCHING_ENDPOINTS: 400,
  OCPI_NOT_FOUND: 404,
};

registerErrorStatuses(OCPI_ERROR_STATUSES);
