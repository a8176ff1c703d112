import { randomBytes } from 'node:crypto';
import type { ImportedSession } from '@vpp/fleet';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import type { ChargingSession } from '../../apps/simulator/src/charge-points/simulated-meter';
import { bootstrapDepot } from '../../apps/simulator/src/depot/depot-bootstrap';
import { callApi } from './http-client';
import type { Party } from './seed-parties';

// ASSUMED: one session in DEPOT_SHARE of the day is a depot car of the first fleet owner (the files
// name no depots), at most MAX_STATIONS stations so the 2,000-EV day stays within its time budget.
export const DEPOT_SHARE = 25;
const MAX_STATIONS = 60;
// ASSUMED: every fifth depot station is bidirectional (OCPP 2.1 V2X); the rest 22 kW AC.
const BIDIRECTIONAL_EVERY = 5;
// ASSUMED where the source records no power: an 11 kW on-board charger.
const DEFAULT_MAX_W = 11_000;
// How long a station takes to answer SetChargingProfile (wall clock, loopback).
const STATION_LATENCY_MS = 30;

/** The derived_inputs line of the depot. */
export function depotAssumption(sessions: number, ownerName: string): string {
  return `depot ASSUMED: ${sessions} of the day's sessions (one in ${DEPOT_SHARE}, at most ${MAX_STATIONS}) charge at ${ownerName}'s OCPP 2.1 depot (assumed 1 MW connection, 22 kW stations, every fifth bidirectional) instead of at a CPO`;
}

/** Which of the day's sessions the depot replays (the others go to the CPOs over OCPI). */
export function isDepotSession(index: number, total: number): boolean {
  return index % DEPOT_SHARE === DEPOT_SHARE - 1 && Math.floor(index / DEPOT_SHARE) < Math.min(MAX_STATIONS, Math.floor(total / DEPOT_SHARE));
}

interface Station {
  readonly cp: SimulatedChargePoint;
  readonly session: ChargingSession;
  state: 'waiting' | 'charging' | 'departed';
  lastMeterAtMs: number;
}

export interface DepotCounts {
  readonly stations: number;
  readonly bidirectional: number;
  readonly transactionsStarted: number;
  readonly transactionsEnded: number;
  readonly meterReports: number;
  /** SetChargingProfile requests the stations accepted (the dispatcher's OCPP commands as the stations saw them). */
  readonly profilesReceived: number;
}

/**
 * The first fleet owner's depot as OCPP 2.1 charge points (apps/simulator SimulatedChargePoint)
 * against the platform's CSMS over a real WebSocket: the fleet owner creates the depot, its site
 * and stations over the API (apps/simulator bootstrapDepot), the aggregator pools the site; each
 * station replays one of the day's sessions in simulated time (plug-in at its arrival, charging
 * needs, meter values as the day driver advances the clock, departure), so its TransactionEvents
 * become `ocpp` sessions and meter values, and the loop's profiles reach the station.
 */
export class SimulatedDepot {
  private meterReports = 0;

  private constructor(
    private readonly stations: Station[],
    readonly siteId: string,
  ) {}

  static async start(baseUrl: string, owner: Party, operator: Party, portfolioId: string, sessions: readonly ImportedSession[], at: Date): Promise<SimulatedDepot> {
    const password = randomBytes(18).toString('base64url');
    const prefix = `DEMO-DEPOT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const bidirectional = (n: number) => n % BIDIRECTIONAL_EVERY === 0;
    const depot = await bootstrapDepot((method, path, body) => callApi(baseUrl, method, path, { key: owner.key }, body, [200, 201]), {
      stationPrefix: prefix, stations: sessions.length, password, countryCode: 'NL', isBidirectional: bidirectional, apiKey: owner.key,
    });
    await callApi(baseUrl, 'PUT', `/v1/portfolios/${portfolioId}/sites/${depot.siteId}`, { key: operator.key }, undefined, [200, 201, 204]);
    const endpoint = `${baseUrl.replace(/^http/, 'ws')}/ocpp`;
    const stations: Station[] = [];
    for (const [index, session] of sessions.entries()) {
      const stationId = depot.stationIds[index];
      const observedW = session.maxPower === null ? DEFAULT_MAX_W : Number.parseInt(session.maxPower.value.times(1000).toFixed(0), 10);
      const maxPowerW = Math.min(22_000, observedW > 0 ? observedW : DEFAULT_MAX_W);
      const cp = new SimulatedChargePoint({ endpoint, stationId, password, bidirectional: bidirectional(index + 1), maxPowerW, responseLatencyMs: STATION_LATENCY_MS });
      await cp.connect();
      await cp.boot(at);
      stations.push({
        cp,
        session: { transactionId: `demo-${stationId}`, arrival: session.arrival, departure: session.departure, energyNeedWh: Number.parseInt(session.energy.value.times(1000).toFixed(0), 10) },
        state: 'waiting',
        lastMeterAtMs: 0,
      });
    }
    return new SimulatedDepot(stations, depot.siteId);
  }

  /**
   * Brings every station to `now`: cars that arrived plug in (TransactionEvent Started, charging
   * needs), charging cars report meter values every `meterIntervalMs` of simulated time, cars whose
   * departure passed leave (TransactionEvent Ended with the final register).
   */
  async advance(now: Date, meterIntervalMs: number): Promise<void> {
    const nowMs = now.getTime();
    await Promise.all(this.stations.map(async (station) => {
      const { session, cp } = station;
      if (station.state === 'waiting' && session.arrival.getTime() <= nowMs) {
        await cp.startTransaction(session, session.arrival);
        await cp.notifyChargingNeeds(0);
        station.state = 'charging';
        station.lastMeterAtMs = session.arrival.getTime();
      }
      if (station.state !== 'charging') return;
      if (session.departure.getTime() <= nowMs) {
        await cp.endTransaction(session.departure);
        station.state = 'departed';
        return;
      }
      if (nowMs - station.lastMeterAtMs >= meterIntervalMs) {
        await cp.reportMeterValues(now);
        station.lastMeterAtMs = nowMs;
        this.meterReports += 1;
      }
    }));
  }

  counts(): DepotCounts {
    return {
      stations: this.stations.length,
      bidirectional: this.stations.filter((_, i) => (i + 1) % BIDIRECTIONAL_EVERY === 0).length,
      transactionsStarted: this.stations.filter((s) => s.state !== 'waiting').length,
      transactionsEnded: this.stations.filter((s) => s.state === 'departed').length,
      meterReports: this.meterReports,
      profilesReceived: this.stations.reduce((n, s) => n + s.cp.receivedProfiles.length, 0),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.stations.map((s) => s.cp.close().catch(() => undefined)));
  }
}
