/** Stable codes of bid building and the bid status updates gateways make. */
export const BIDS_ERROR_CODES = ['BID_NOT_FOUND', 'BID_STATUS_TRANSITION_REFUSED', 'BID_INPUT_INVALID'] as const;
export type BidsErrorCode = (typeof BIDS_ERROR_CODES)[number];

export class BidsError extends Error {
  constructor(
    readonly code: BidsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BidsError';
  }
}
