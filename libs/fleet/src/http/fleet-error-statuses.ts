import { registerErrorStatuses } from '@vpp/observability';
import type { FleetAssetErrorCode } from '../application/fleet-asset.errors';
import type { FleetErrorCode } from '../domain/fleet.errors';

export const FLEET_ERROR_STATUSES: Record<FleetErrorCode | FleetAssetErrorCode, number> = {
  INVALID_EAN: 422,
  INVALID_SESSION_TRANSITION: 409,
  DEPARTURE_BEFORE_ARRIVAL: 422,
  ZERO_ENERGY_NEED: 422,
  INVALID_SOC: 422,
  SESSION_NOT_FOUND: 404,
  INCOMPLETE_SESSION: 422,
  UNKNOWN_ENTITY: 404,
  INVALID_LATENCY: 422,
  INVALID_PARTY: 422,
  LIMITS_NOT_NESTED: 422,
  IDEMPOTENCY_CONFLICT: 409,
  STATION_ID_TAKEN: 409,
  EAN_TAKEN: 409,
  GRID_CONNECTION_EXISTS: 409,
  V2G_RECORD_INVALID: 422,
  PSEUDONYM_REFUSED: 422,
  INVALID_CURSOR: 400,
};

registerErrorStatuses(FLEET_ERROR_STATUSES);
