/** One structural problem of a batch: which row and which field. */
export interface BatchProblem {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/**
 * The batch cannot even be keyed or staged (not an array, a row without a valid session id or
 * instant, a quantity given as a JS number, an unknown source). Nothing of it is written.
 * Malformed decimal *text* is not this error: such a row is quarantined as `malformed_number`.
 */
export class TelemetryBatchInvalidError extends Error {
  readonly code = 'TELEMETRY_BATCH_INVALID';

  constructor(readonly problems: readonly BatchProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `row ${p.index} ${p.field}: ${p.message}`);
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`invalid meter value batch: ${shown.join('; ')}${more}`);
  }
}

/** A request to drop partitions that are not wholly older than the retention cut-off. */
export class TelemetryRetentionError extends Error {
  readonly code = 'TELEMETRY_RETENTION_INVALID';
}
