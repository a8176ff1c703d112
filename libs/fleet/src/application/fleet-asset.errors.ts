/**
 * Stable codes of the operator API's use cases (the HTTP edge maps them to statuses in
 * http/fleet-error-statuses.ts). Rules of the model itself stay `FleetError`s of the domain.
 */
export type FleetAssetErrorCode =
  /** An EVSE above its site's limit, or a site limit above the fuse (fuse -> site -> EVSE). */
  | 'LIMITS_NOT_NESTED'
  /** A retry with the same key (fleet name, site reference, station id, pseudonym) but other content. */
  | 'IDEMPOTENCY_CONFLICT'
  /** The OCPP station id is registered already (station ids are one namespace for all tenants). */
  | 'STATION_ID_TAKEN'
  /** The EAN belongs to another grid connection. */
  | 'EAN_TAKEN'
  /** The site has another grid connection already (its limits change with PATCH). */
  | 'GRID_CONNECTION_EXISTS'
  /** A V2G compliance record that does not fit the EVSE (AC needs a vehicle or model, DC none). */
  | 'V2G_RECORD_INVALID'
  /** A vehicle id that looks like personal data (VIN, name, e-mail) rather than a pseudonym. */
  | 'PSEUDONYM_REFUSED'
  /** A paging cursor this API did not issue. */
  | 'INVALID_CURSOR';

export class FleetAssetError extends Error {
  constructor(
    readonly code: FleetAssetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FleetAssetError';
  }
}
