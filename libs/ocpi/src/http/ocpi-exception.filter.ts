import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, CorrelationContext } from '@vpp/observability';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiStatus } from '../domain/ocpi-status';
import { isFleetInputError } from '../application/ocpi-fleet-sync';
import { ocpiFailure, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_ERROR_STATUSES } from './ocpi-error-statuses';

export interface OcpiErrorAnswer {
  readonly httpStatus: number;
  readonly body: OcpiEnvelope<unknown>;
}

/** Any error on an /ocpi route as an OCPI answer: HTTP status plus the envelope with an OCPI status code. */
export function ocpiAnswerOf(error: unknown): OcpiErrorAnswer & { unexpected: boolean } {
  if (error instanceof OcpiError) {
    const data = error.details.length > 0 ? { errors: error.details } : undefined;
    return { httpStatus: OCPI_ERROR_STATUSES[error.code], body: ocpiFailure(error.ocpiStatus, error.message, data), unexpected: false };
  }
  if (isFleetInputError(error)) {
    return { httpStatus: 400, body: ocpiFailure(OcpiStatus.InvalidOrMissingParameters, error.message), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const ocpiStatus = status >= 500 ? OcpiStatus.ServerError : status === 400 ? OcpiStatus.InvalidOrMissingParameters : OcpiStatus.ClientError;
    return { httpStatus: status, body: ocpiFailure(ocpiStatus, status >= 500 ? 'Server error' : error.message), unexpected: status >= 500 };
  }
  return { httpStatus: 500, body: ocpiFailure(OcpiStatus.ServerError, 'Server error'), unexpected: true };
}

/**
 * The exception filter of every OCPI controller: errors leave in the OCPI envelope
 * (transport_and_format "Response format"), never as problem+json. Errors raised before a route
 * runs (body parsing, size limit, unknown route) are rewritten by `registerOcpiHttpHooks`.
 */
@Catch()
export class OcpiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(OcpiExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const answer = ocpiAnswerOf(error);
    const correlationId = CorrelationContext.currentId() ?? request.id;
    if (answer.unexpected) this.logger.error({ err: error, correlationId, url: request.url }, 'unhandled error on an OCPI route');
    if (reply.sent) return;
    void reply
      .status(answer.httpStatus)
      .header('content-type', 'application/json; charset=utf-8')
      .header(CORRELATION_HEADER, correlationId)
      .send(JSON.stringify(answer.body));
  }
}
