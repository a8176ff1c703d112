import { OcpiStatus } from './ocpi-status';

/**
 * Stable codes of the OCPI context. Each maps to the OCPI status the counterparty sees; the HTTP
 * status is chosen by the HTTP layer, never here.
 */
export type OcpiErrorCode =
  | 'OCPI_INVALID_PAYLOAD'
  | 'OCPI_MALFORMED_JSON'
  | 'OCPI_PAYLOAD_TOO_LARGE'
  | 'OCPI_UNKNOWN_LOCATION'
  | 'OCPI_UNKNOWN_SESSION'
  | 'OCPI_UNKNOWN_TOKEN'
  | 'OCPI_NOT_REGISTERED'
  | 'OCPI_ALREADY_REGISTERED'
  | 'OCPI_PARTY_MISMATCH'
  | 'OCPI_ROUTING_MISMATCH'
  | 'OCPI_UNKNOWN_COMMAND'
  | 'OCPI_PARTY_UNREACHABLE'
  | 'OCPI_UNSUPPORTED_VERSION'
  | 'OCPI_NO_MATCHING_ENDPOINTS'
  | 'OCPI_NOT_FOUND';

const STATUS_OF: Record<OcpiErrorCode, OcpiStatus> = {
  OCPI_INVALID_PAYLOAD: OcpiStatus.InvalidOrMissingParameters,
  OCPI_MALFORMED_JSON: OcpiStatus.InvalidOrMissingParameters,
  OCPI_PAYLOAD_TOO_LARGE: OcpiStatus.ClientError,
  OCPI_UNKNOWN_LOCATION: OcpiStatus.UnknownLocation,
  OCPI_UNKNOWN_SESSION: OcpiStatus.ClientError,
  OCPI_UNKNOWN_TOKEN: OcpiStatus.ClientError,
  OCPI_NOT_REGISTERED: OcpiStatus.ClientError,
  OCPI_ALREADY_REGISTERED: OcpiStatus.ClientError,
  OCPI_PARTY_MISMATCH: OcpiStatus.InvalidOrMissingParameters,
  // Routing headers are request parameters; 4001 (unknown receiver) is a Hub's code, and we are a platform, not a Hub.
  OCPI_ROUTING_MISMATCH: OcpiStatus.InvalidOrMissingParameters,
  OCPI_UNKNOWN_COMMAND: OcpiStatus.ClientError,
  OCPI_PARTY_UNREACHABLE: OcpiStatus.UnableToUseClientApi,
  OCPI_UNSUPPORTED_VERSION: OcpiStatus.UnsupportedVersion,
  OCPI_NO_MATCHING_ENDPOINTS: OcpiStatus.NoMatchingEndpoints,
  OCPI_NOT_FOUND: OcpiStatus.ClientError,
};

export class OcpiError extends Error {
  readonly ocpiStatus: OcpiStatus;

  constructor(
    readonly code: OcpiErrorCode,
    message: string,
    /** Field-level problems, returned in the envelope's `data` to help the sender debug. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'OcpiError';
    this.ocpiStatus = STATUS_OF[code];
  }
}
