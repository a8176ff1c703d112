/** Stable codes of recorded baselines. */
export const BASELINE_RECORD_ERROR_CODES = ['BASELINE_RECORD_CONFLICT'] as const;
export type BaselineRecordErrorCode = (typeof BASELINE_RECORD_ERROR_CODES)[number];

export class BaselineRecordError extends Error {
  constructor(
    readonly code: BaselineRecordErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BaselineRecordError';
  }
}
