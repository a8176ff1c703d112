/**
 * OCPI 2.2.1 transport_and_format "Message Routing Headers": who a request is from and to, by
 * country code and party id (CiString, so compared upper-case). Only requests to functional modules
 * (Locations, Sessions, CDRs, ChargingProfiles...) carry them, never versions or credentials.
 */
export interface OcpiPartyRef {
  readonly countryCode: string;
  readonly partyId: string;
}

export interface OcpiRouting {
  readonly from: OcpiPartyRef;
  readonly to: OcpiPartyRef;
}

export const ROUTING_HEADERS = {
  toCountryCode: 'ocpi-to-country-code',
  toPartyId: 'ocpi-to-party-id',
  fromCountryCode: 'ocpi-from-country-code',
  fromPartyId: 'ocpi-from-party-id',
} as const;

export function routingHeadersOf(routing: OcpiRouting): Record<string, string> {
  return {
    [ROUTING_HEADERS.fromCountryCode]: routing.from.countryCode,
    [ROUTING_HEADERS.fromPartyId]: routing.from.partyId,
    [ROUTING_HEADERS.toCountryCode]: routing.to.countryCode,
    [ROUTING_HEADERS.toPartyId]: routing.to.partyId,
  };
}

type HeaderValue = string | string[] | undefined;

/**
 * The routing headers of a received request that contradict who sent it (the party its token
 * belongs to) or who it is for (us). Absent headers are fine: peer-to-peer requests may omit them.
 * Returns one `header: problem` line per contradiction, empty when the request may proceed.
 */
export function routingMismatches(headers: Readonly<Record<string, HeaderValue>>, sender: OcpiPartyRef, us: OcpiPartyRef): string[] {
  const checks: [string, string][] = [
    [ROUTING_HEADERS.fromCountryCode, sender.countryCode],
    [ROUTING_HEADERS.fromPartyId, sender.partyId],
    [ROUTING_HEADERS.toCountryCode, us.countryCode],
    [ROUTING_HEADERS.toPartyId, us.partyId],
  ];
  const problems: string[] = [];
  for (const [name, expected] of checks) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value === undefined || value === '') continue;
    if (value.toUpperCase() !== expected.toUpperCase()) problems.push(`${name}: ${value} is not ${expected.toUpperCase()}`);
  }
  return problems;
}
