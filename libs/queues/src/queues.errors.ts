/** A payload that does not match its catalog schema; refused before it reaches the outbox. */
export class InvalidJobPayloadError extends Error {
  readonly code = 'QUEUE_INVALID_JOB_PAYLOAD';
  constructor(
    readonly jobName: string,
    readonly problems: string[],
  ) {
    super(`invalid payload for job ${jobName}: ${problems.join('; ')}`);
  }
}

/** The app's job handlers do not match the catalog: some job has no handler, or several. */
export class JobHandlerSetupError extends Error {
  readonly code = 'QUEUE_HANDLERS_INVALID';
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`job handlers of app "${app}" do not match the queue catalog:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Redis did not take a job in time; the caller keeps it (outbox row) and retries later. */
export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE_UNAVAILABLE';
  constructor(
    readonly queue: string,
    reason: string,
  ) {
    super(`queue ${queue} unavailable: ${reason}`);
  }
}
