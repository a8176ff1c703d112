import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CorrelationContext } from '@vpp/observability';
import { authorizationHeaderOf } from '../domain/credentials-token';
import { OcpiError } from '../domain/ocpi.errors';
import { isOcpiSuccess } from '../domain/ocpi-status';
import { ocpiEnvelopeSchema } from '../protocol/ocpi-envelope';
import { OcpiRouting, routingHeadersOf } from '../protocol/routing-headers';

export interface OcpiCall<S extends z.ZodTypeAny> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly token: string;
  readonly dataSchema: S;
  readonly body?: unknown;
  /** A body already serialised (exact decimals written by hand); wins over `body`. */
  readonly rawBody?: string;
  /** Stable per logical request, so a retry is recognisable (transport_and_format "Unique message IDs"). */
  readonly requestId?: string;
  readonly correlationId?: string;
  /** Functional modules only (transport_and_format "Message Routing Headers"): never on versions or credentials. */
  readonly routing?: OcpiRouting;
}

export interface OcpiCallResult<T> {
  readonly httpStatus: number;
  readonly statusCode: number;
  readonly data: T;
  readonly requestId: string;
  /** Pagination (Link, X-Total-Count, X-Limit) and routing headers of the answer. */
  readonly headers: Headers;
}

/**
 * Calls a counterparty's OCPI endpoint: `Authorization: Token <base64>`, X-Request-ID and
 * X-Correlation-ID on every request, the envelope checked, `data` validated by the caller's
 * schema. Anything else becomes OCPI_PARTY_UNREACHABLE (3001, "unable to use the client's API").
 */
export class OcpiHttpClient {
  constructor(private readonly timeoutMs: number) {}

  async call<S extends z.ZodTypeAny>(call: OcpiCall<S>): Promise<OcpiCallResult<z.infer<S>>> {
    const requestId = call.requestId ?? randomUUID();
    const correlationId = call.correlationId ?? CorrelationContext.currentId() ?? randomUUID();
    const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    let response: Response;
    try {
      response = await fetch(call.url, {
        method: call.method,
        headers: {
          authorization: authorizationHeaderOf(call.token),
          'x-request-id': requestId,
          'x-correlation-id': correlationId,
          ...(call.routing === undefined ? {} : routingHeadersOf(call.routing)),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OcpiError('OCPI_PARTY_UNREACHABLE', `${call.method} ${call.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    const envelope = ocpiEnvelopeSchema.safeParse(safeJson(text));
    if (!envelope.success) {
      throw new OcpiError('OCPI_PARTY_UNREACHABLE', `${call.method} ${call.url}: HTTP ${response.status} without an OCPI envelope`);
    }
    if (!response.ok || !isOcpiSuccess(envelope.data.status_code)) {
      throw new OcpiError(
        'OCPI_PARTY_UNREACHABLE',
        `${call.method} ${call.url}: HTTP ${response.status}, OCPI ${envelope.data.status_code} ${envelope.data.status_message ?? ''}`.trim(),
      );
    }
    const data = call.dataSchema.safeParse(envelope.data.data);
    if (!data.success) {
      throw new OcpiError('OCPI_PARTY_UNREACHABLE', `${call.method} ${call.url}: unexpected data (${data.error.issues[0]?.message ?? 'invalid'})`);
    }
    return { httpStatus: response.status, statusCode: envelope.data.status_code, data: data.data as z.infer<S>, requestId, headers: response.headers };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
