import type { EntityManager } from 'typeorm';
import type { Decimal } from '@vpp/units';
import type { OcppSessionStatus } from '../domain/transaction-progress';
import type { ConnectedStation, StationPrincipal } from './station-principal';

/** The state of one OCPP transaction as the fleet model's session should show it. */
export interface OcppSessionUpdate {
  readonly station: ConnectedStation;
  readonly transactionId: string;
  readonly evseNumber: number;
  readonly status: OcppSessionStatus;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /** The station's timestamp of the newest event applied: the session's ordering stamp. */
  readonly lastEventAt: Date;
  readonly energyDeliveredKwh: Decimal | null;
  readonly departureAt: Date | null;
  readonly energyNeedKwh: Decimal | null;
  readonly canDischarge: boolean;
}

/**
 * What the OCPP context needs from the fleet context: sessions keyed by (station operator,
 * station/transaction id) and the ocpp channel's latency estimate. `FleetSessionsAdapter` binds
 * it to @vpp/fleet; `UnwiredFleetPort` runs the CSMS without a fleet model (protocol tests).
 */
export interface OcppFleetPort {
  /** Runs inside the caller's transaction; returns our session id, or null when the station is not mapped. */
  upsertSession(manager: EntityManager, update: OcppSessionUpdate): Promise<string | null>;
  recordLatency(station: StationPrincipal, latencyMs: number): Promise<void>;
}

export const OCPP_FLEET_PORT = Symbol('OCPP_FLEET_PORT');

export class UnwiredFleetPort implements OcppFleetPort {
  upsertSession(): Promise<string | null> {
    return Promise.resolve(null);
  }

  recordLatency(): Promise<void> {
    return Promise.resolve();
  }
}
