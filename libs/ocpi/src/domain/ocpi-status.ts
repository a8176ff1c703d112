/**
 * OCPI status codes carried in every response envelope (OCPI 2.2.1 status_codes.asciidoc).
 * 1xxx success, 2xxx client errors, 3xxx server errors, 4xxx hub errors.
 */
export const OcpiStatus = {
  Success: 1000,
  ClientError: 2000,
  InvalidOrMissingParameters: 2001,
  NotEnoughInformation: 2002,
  UnknownLocation: 2003,
  UnknownToken: 2004,
  ServerError: 3000,
  UnableToUseClientApi: 3001,
  UnsupportedVersion: 3002,
  NoMatchingEndpoints: 3003,
} as const;

export type OcpiStatus = (typeof OcpiStatus)[keyof typeof OcpiStatus];

export function isOcpiSuccess(statusCode: number): boolean {
  return statusCode >= 1000 && statusCode < 2000;
}
