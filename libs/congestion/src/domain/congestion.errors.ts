/**
 * Stable codes of the congestion context. A `UftpRejection` is a message the protocol answers with
 * Result=Rejected; a `CongestionError` is one our /v1 API refuses (problem+json).
 */
export type CongestionErrorCode =
  | 'UFTP_REJECTED'
  | 'UFTP_INVALID_KEY'
  | 'UFTP_UNKNOWN_PARTICIPANT'
  | 'UFTP_PARTICIPANT_EXISTS'
  | 'UFTP_UNKNOWN_ORDER'
  | 'UFTP_NOT_SETTLED'
  | 'UFTP_UNKNOWN_REQUEST'
  | 'UFTP_CONGESTION_POINT_EXISTS'
  | 'UFTP_INVALID_BODY'
  | 'IDCONS_INVALID_EVENT'
  | 'IDCONS_NO_PORTFOLIO'
  | 'IDCONS_NO_PRICE'
  | 'IDCONS_PLATFORM_UNAVAILABLE';

export class CongestionError extends Error {
  constructor(
    readonly code: CongestionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CongestionError';
  }
}

/**
 * A message that fails semantic validation: answered with Result=Rejected and this reason, and
 * nothing of it stored. The reasons follow the table of use-case-descriptions/message-validation.md.
 */
export class UftpRejection extends CongestionError {
  constructor(readonly rejectionReason: string) {
    super('UFTP_REJECTED', rejectionReason);
    this.name = 'UftpRejection';
  }
}
