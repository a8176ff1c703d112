import { HttpException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { isDependencyUnavailable } from './dependency-errors';
import { registeredStatus } from './error-status.registry';
import { ProblemException, ProblemExtra } from './problem.exception';

/** What the filter renders, before request-specific members (instance, correlationId) are added. */
export interface ProblemDraft {
  status: number;
  code: string;
  title: string;
  detail?: string;
  extra: ProblemExtra;
  /** Unexpected errors are logged with their stack; the body never carries it. */
  unexpected: boolean;
}

const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The request body is empty but declared as JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body exceeds the size limit.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', detail: 'The body size does not match Content-Length.' },
};

type FastifyErrorCode = keyof typeof FASTIFY_CODES & keyof typeof errorCodes;

// Nest re-wraps Fastify's body errors as `new HttpException(message, status)` and drops their
// `code`; the messages are Fastify's constants, so they identify the error just as well.
const FASTIFY_BY_MESSAGE = new Map(
  (Object.keys(FASTIFY_CODES) as FastifyErrorCode[]).map((code) => [new errorCodes[code]().message, FASTIFY_CODES[code]]),
);

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** `404` -> `NOT_FOUND`: the default stable code for a status without a more specific one. */
export function statusCode(status: number): string {
  return statusTitle(status).toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function simple(status: number, code: string, detail?: string): ProblemDraft {
  return { status, code, title: statusTitle(status), detail, extra: {}, unexpected: false };
}

function fromHttpException(error: HttpException): ProblemDraft {
  const status = error.getStatus();
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = typeof response === 'string' ? response : body.message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  // Nest's router throws this for paths no controller serves.
  if (status === 404 && typeof detail === 'string' && /^Cannot [A-Z]+ /.test(detail)) {
    return simple(404, 'ROUTE_NOT_FOUND', detail);
  }
  const fastify = typeof response === 'string' ? FASTIFY_BY_MESSAGE.get(response) : undefined;
  if (fastify && fastify.status === status) return simple(fastify.status, fastify.code, fastify.detail);
  const code = typeof body.code === 'string' && UPPER_SNAKE.test(body.code) ? body.code : statusCode(status);
  return simple(status, code, detail);
}

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

function fromFastifyError(error: FastifyLikeError): ProblemDraft | undefined {
  const known = typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (known) return simple(known.status, known.code, known.detail);
  // Fastify's JSON parser reports broken JSON as a SyntaxError with statusCode 400.
  const status = error.statusCode;
  if (error instanceof SyntaxError && status === 400) {
    return simple(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof error.code === 'string' && error.code.startsWith('FST_')) {
    return simple(status, statusCode(status), typeof error.message === 'string' ? error.message : undefined);
  }
  return undefined;
}

function fromDomainError(error: unknown): ProblemDraft | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const status = registeredStatus(code);
  return status === undefined ? undefined : simple(status, code, error.message);
}

/** Decides status, code and texts for any thrown value; the order goes from most to least specific. */
export function toProblem(error: unknown): ProblemDraft {
  if (error instanceof ProblemException) {
    return { status: error.getStatus(), code: error.code, title: error.title, detail: error.detail, extra: error.extra, unexpected: false };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const fastify = typeof error === 'object' && error !== null ? fromFastifyError(error as FastifyLikeError) : undefined;
  if (fastify) return fastify;
  const domain = fromDomainError(error);
  if (domain) return domain;
  if (isDependencyUnavailable(error)) {
    return simple(503, 'SERVICE_UNAVAILABLE', 'A backing service (database or queue) is unavailable; retry later.');
  }
  return {
    ...simple(500, 'INTERNAL_ERROR', 'An unexpected error occurred; quote the correlationId when reporting it.'),
    unexpected: true,
  };
}
