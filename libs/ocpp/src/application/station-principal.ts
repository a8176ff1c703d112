import type { OcppSubprotocol } from '../protocol/ocpp-messages';

/** Who is on the other end of an authenticated OCPP connection. */
export interface StationPrincipal {
  /** Our row id (ocpp_stations.id). */
  readonly id: string;
  readonly stationId: string;
  readonly organisationId: string;
  readonly countryCode: string;
  readonly fleetId: string | null;
  readonly siteId: string | null;
  readonly declaredBidirectional: boolean;
}

export interface ConnectedStation extends StationPrincipal {
  readonly protocol: OcppSubprotocol;
}
