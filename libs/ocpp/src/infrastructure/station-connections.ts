import { Injectable } from '@nestjs/common';
import type { ConnectedStation } from '../application/station-principal';

/** The one thing commands need from a live socket: an OCPP-J CALL and its CALLRESULT. */
export interface StationLink {
  readonly station: ConnectedStation;
  call(action: string, params: object, timeoutMs: number): Promise<unknown>;
}

/**
 * The stations connected to THIS process. A command for a station goes out through the replica
 * that holds its socket; with several connector replicas, route by station id (sticky load
 * balancing on the /ocpp/<stationId> path) so each station has one home.
 */
@Injectable()
export class StationConnections {
  private readonly links = new Map<string, StationLink>();

  /** Returns the link this one replaces (a station that reconnected before we saw the old socket close). */
  add(link: StationLink): StationLink | undefined {
    const previous = this.links.get(link.station.stationId);
    this.links.set(link.station.stationId, link);
    return previous;
  }

  /** Removes the link only if it is still the current one for its station. */
  remove(link: StationLink): boolean {
    if (this.links.get(link.station.stationId) !== link) return false;
    this.links.delete(link.station.stationId);
    return true;
  }

  get(stationId: string): StationLink | undefined {
    return this.links.get(stationId);
  }

  get size(): number {
    return this.links.size;
  }
}
