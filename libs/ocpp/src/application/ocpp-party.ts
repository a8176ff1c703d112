import type { ExternalParty } from '@vpp/fleet';

/**
 * The fleet model's party for a depot: the station operator (organisation id) in the site's
 * country. Its ids (`<station id>/<evse>`, `<station id>/<transaction id>`) live under it, and
 * the ocpp channel's latency is estimated per operator.
 */
export function ocppParty(station: { readonly organisationId: string; readonly countryCode: string }): ExternalParty {
  return { countryCode: station.countryCode, partyId: station.organisationId };
}
