import { randomUUID } from 'node:crypto';
import { ocpiTime } from './cpo-replay';

export interface CpoHttpAnswer {
  readonly status: number;
  readonly body: { data?: unknown; status_code?: number; status_message?: string } | undefined;
  readonly headers: Headers;
}

/** `Authorization: Token <base64>` (OCPI 2.2.1 transport_and_format). */
export function tokenHeader(token: string): string {
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
}

/** The token in an Authorization header, as a 2.2.1 CPO reads it. */
export function tokenOf(header: string | undefined): string | null {
  const match = /^Token (\S+)$/.exec(header ?? '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8') : null;
}

/** One OCPI request from the simulated CPO: the CPO's own small client, independent of libs/ocpi. */
export async function cpoRequest(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  rawBody?: string,
  extraHeaders: Record<string, string> = {},
): Promise<CpoHttpAnswer> {
  const headers: Record<string, string> = { 'x-request-id': randomUUID(), 'x-correlation-id': randomUUID(), ...extraHeaders };
  if (token !== null) headers.authorization = tokenHeader(token);
  const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: payload });
  const text = await response.text();
  let parsed: CpoHttpAnswer['body'];
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as CpoHttpAnswer['body']);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function envelope(data: unknown, statusCode = 1000, message = 'Success'): Record<string, unknown> {
  return { data, status_code: statusCode, status_message: message, timestamp: ocpiTime(new Date()) };
}
