import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, CorrelationContext } from '../correlation/correlation-context';
import { problemType, ProblemBody } from './problem.exception';
import { toProblem } from './problem-mapping';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Renders every error of an HTTP app as RFC 9457 problem+json with a stable `code` and the
 * request's correlation id. Unexpected errors are logged with their stack and answered with a
 * generic 500 that leaks nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const draft = toProblem(error);
    const correlationId = CorrelationContext.currentId() ?? request.id;
    if (draft.unexpected) {
      this.logger.error({ err: error, correlationId, url: request.url }, 'unhandled error');
    } else if (draft.status >= 500) {
      this.logger.warn({ code: draft.code, correlationId, reason: error instanceof Error ? error.message : String(error) }, draft.title);
    }
    const body: ProblemBody = {
      ...draft.extra,
      type: problemType(draft.code),
      title: draft.title,
      status: draft.status,
      ...(draft.detail === undefined ? {} : { detail: draft.detail }),
      instance: request.url,
      code: draft.code,
      correlationId,
    };
    if (reply.sent) return;
    void reply
      .status(draft.status)
      .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
      .header(CORRELATION_HEADER, correlationId)
      .send(JSON.stringify(body));
  }
}
