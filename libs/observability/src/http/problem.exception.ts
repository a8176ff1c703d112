import { HttpException } from '@nestjs/common';

/** Extra RFC 9457 members (e.g. `errors` for validation, `retryAfterSeconds`); never overrides the core ones. */
export type ProblemExtra = Record<string, unknown>;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  correlationId?: string;
  [member: string]: unknown;
}

/** Where the `type` URIs of our problems point; one page per stable code. */
export const PROBLEM_TYPE_BASE = 'https://docs.ev-vpp.dev/problems/';

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * An HTTP error with a stable UPPER_SNAKE `code`, rendered as RFC 9457 problem+json by
 * `ProblemDetailsFilter`. For controllers and use-case adapters; domain code throws its own
 * errors with a `code` and registers the status with `registerErrorStatus` instead.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: ProblemExtra = {},
  ) {
    super({ code, title, detail, ...extra }, status);
  }
}
