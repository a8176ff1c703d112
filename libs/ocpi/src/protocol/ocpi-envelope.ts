import { z } from 'zod';
import { formatOcpiDateTime } from '../domain/ocpi-date-time';
import { OcpiStatus } from '../domain/ocpi-status';

/** OCPI 2.2.1 transport_and_format "Response format": every body is this envelope. */
export interface OcpiEnvelope<T> {
  readonly data?: T;
  readonly status_code: number;
  readonly status_message?: string;
  readonly timestamp: string;
}

export function ocpiSuccess<T>(data: T, now: Date = new Date()): OcpiEnvelope<T> {
  return { data, status_code: OcpiStatus.Success, status_message: 'Success', timestamp: formatOcpiDateTime(now) };
}

export function ocpiFailure(statusCode: number, message: string, data?: unknown, now: Date = new Date()): OcpiEnvelope<unknown> {
  return { ...(data === undefined ? {} : { data }), status_code: statusCode, status_message: message.slice(0, 255), timestamp: formatOcpiDateTime(now) };
}

/** Parses a counterparty's envelope; `data` is validated separately by the caller's schema. */
export const ocpiEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  status_code: z.number().int(),
  status_message: z.string().optional(),
  timestamp: z.string(),
});

/** OCPI headers (transport_and_format "Request format" and "Unique message IDs"). */
export const OcpiHeader = {
  RequestId: 'x-request-id',
  CorrelationId: 'x-correlation-id',
  TotalCount: 'x-total-count',
  Limit: 'x-limit',
  Link: 'link',
  FromCountryCode: 'ocpi-from-country-code',
  FromPartyId: 'ocpi-from-party-id',
  ToCountryCode: 'ocpi-to-country-code',
  ToPartyId: 'ocpi-to-party-id',
} as const;
