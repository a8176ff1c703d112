import { OcppError } from './ocpp.errors';

// identifierString of max 48 chars (2.0.1 Part 4 "OCPP-J", 3.1.1 the connection URL's last
// segment is the station identity; Part 2 B01 security profile 1 uses it as basic-auth user).
// We also refuse ':' so basic auth stays RFC 7617-parseable by proxies in front of us.
const STATION_ID = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;

export function assertStationId(stationId: string): string {
  if (!STATION_ID.test(stationId)) throw new OcppError('OCPP_STATION_ID_INVALID', `invalid station id: ${JSON.stringify(stationId)}`);
  return stationId;
}
