import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@vpp/observability';
import { OcpiStatus } from '../domain/ocpi-status';
import { ocpiFailure } from '../protocol/ocpi-envelope';

export const OCPI_ROUTE_PREFIX = '/ocpi/';

// Echoed ids come from callers: keep them short and header-safe.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// Problem codes of errors raised before an OCPI route runs, and the OCPI status each becomes.
const OCPI_STATUS_OF_PROBLEM: Readonly<Record<string, number>> = {
  MALFORMED_JSON: OcpiStatus.InvalidOrMissingParameters,
  UNSUPPORTED_MEDIA_TYPE: OcpiStatus.InvalidOrMissingParameters,
  BAD_REQUEST: OcpiStatus.InvalidOrMissingParameters,
  PAYLOAD_TOO_LARGE: OcpiStatus.ClientError,
  NOT_FOUND: OcpiStatus.ClientError,
};

class OcpiBodyTooLargeError extends Error {
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
  readonly statusCode = 413;
}

function isOcpiRoute(request: FastifyRequest): boolean {
  return request.url.startsWith(OCPI_ROUTE_PREFIX);
}

function problemCodeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    const parsed = JSON.parse(payload) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fastify hooks for the /ocpi prefix. Errors that happen before a route runs (malformed JSON, a
 * body over the limit, an unknown route) go to the app-wide error handler, which answers
 * problem+json for the rest of the platform; on OCPI routes that body is rewritten into the OCPI
 * envelope with the matching OCPI status, so a CPO never sees a framework error body. OCPI bodies
 * also have their own, smaller size limit (checked on Content-Length before reading), and every
 * OCPI response echoes the caller's X-Request-ID.
 */
export function registerOcpiHttpHooks(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addHook('preParsing', async (request: FastifyRequest, _reply: FastifyReply, payload) => {
    if (!isOcpiRoute(request)) return payload;
    const declared = Number.parseInt(request.headers['content-length'] ?? '0', 10);
    if (declared > bodyLimitBytes) throw new OcpiBodyTooLargeError(`Request body is larger than ${bodyLimitBytes} bytes`);
    return payload;
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isOcpiRoute(request)) return payload;
    // transport_and_format "Unique message IDs": the response carries the request's X-Request-ID.
    const requestId = request.headers['x-request-id'];
    if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) void reply.header('x-request-id', requestId);
    const contentType = reply.getHeader('content-type');
    if (typeof contentType !== 'string' || !contentType.startsWith(PROBLEM_CONTENT_TYPE)) return payload;
    const code = problemCodeOf(payload);
    const status = (code === undefined ? undefined : OCPI_STATUS_OF_PROBLEM[code]) ?? (reply.statusCode >= 500 ? OcpiStatus.ServerError : OcpiStatus.ClientError);
    const message = code === 'MALFORMED_JSON' ? 'The request body is not valid JSON' : (code ?? 'Client error');
    void reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(ocpiFailure(status, message));
  });
}
