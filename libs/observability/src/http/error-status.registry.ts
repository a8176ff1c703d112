// Domain errors carry a stable `code` and no HTTP knowledge (STYLE.md 9.3); each context tells the
// HTTP edge which status its codes mean, once, at module load.
const statusByCode = new Map<string, number>();

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** Maps a domain error code to an HTTP status for `ProblemDetailsFilter`. Re-registering the same pair is a no-op. */
export function registerErrorStatus(code: string, status: number): void {
  if (!UPPER_SNAKE.test(code)) throw new Error(`error code "${code}" must be UPPER_SNAKE`);
  if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error(`status ${status} for ${code} is not an error status`);
  const existing = statusByCode.get(code);
  if (existing !== undefined && existing !== status) {
    throw new Error(`error code ${code} is already mapped to ${existing}, not ${status}`);
  }
  statusByCode.set(code, status);
}

export function registerErrorStatuses(statuses: Record<string, number>): void {
  for (const [code, status] of Object.entries(statuses)) registerErrorStatus(code, status);
}

export function registeredStatus(code: string): number | undefined {
  return statusByCode.get(code);
}
