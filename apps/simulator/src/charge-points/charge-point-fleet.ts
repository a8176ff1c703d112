import { setTimeout as sleep } from 'node:timers/promises';
import { readElaadNlSessions } from '../../../../libs/fleet/src/infrastructure/import/elaadnl-sessions.reader';
import type { ImportedSession } from '../../../../libs/fleet/src/domain/imported-session';
import { SimulatedChargePoint } from './simulated-charge-point';
import type { ChargingSession } from './simulated-meter';

export interface ChargePointFleetOptions {
  readonly endpoint: string;
  /** Station ids are `<prefix>-<n>`, passwords from `passwordFor`; register them with the CSMS first. */
  readonly stationPrefix: string;
  readonly passwordFor: (stationId: string) => string;
  readonly sessionsFile: string;
  readonly stations: number;
  /** Every n-th station is bidirectional (V2X over OCPP 2.1); 0 = none. */
  readonly bidirectionalEvery: number;
  readonly responseLatencyMs: number;
  /** Simulated time per real second: 600 replays 10 minutes of a session each second. */
  readonly speedup: number;
  readonly meterIntervalS: number;
}

/**
 * A real session shifted so that it departs at `departAt`, in the station's whole units. Replays
 * run on fast simulated time that ends at the real now, so no reading carries a future timestamp
 * (telemetry quarantines those).
 */
export function replayedSession(session: ImportedSession, departAt: Date, index: number): ChargingSession {
  const dwellMs = session.departure.getTime() - session.arrival.getTime();
  return {
    transactionId: `tx-${session.sessionId}-${index}`.slice(0, 36),
    arrival: new Date(departAt.getTime() - dwellMs),
    departure: departAt,
    energyNeedWh: Number.parseInt(session.energy.value.times(1000).toFixed(0), 10),
  };
}

/**
 * A depot of simulated charge points replaying real sessions (ElaadNL layout) against our CSMS:
 * boot, plug-in, charging needs, periodic meter values on simulated time, departure.
 */
export class ChargePointFleet {
  readonly chargePoints: SimulatedChargePoint[] = [];

  constructor(private readonly options: ChargePointFleetOptions) {}

  async run(signal?: AbortSignal): Promise<void> {
    const { sessions } = readElaadNlSessions(this.options.sessionsFile);
    const replay = sessions.slice(0, this.options.stations);
    await Promise.all(replay.map((session, index) => this.runStation(session, index, signal)));
  }

  async close(): Promise<void> {
    await Promise.all(this.chargePoints.map((cp) => cp.close()));
  }

  private async runStation(session: ImportedSession, index: number, signal?: AbortSignal): Promise<void> {
    const stationId = `${this.options.stationPrefix}-${index + 1}`;
    const bidirectional = this.options.bidirectionalEvery > 0 && index % this.options.bidirectionalEvery === 0;
    const maxPowerW = Number.parseInt((session.maxPower?.value ?? session.energy.value).times(1000).toFixed(0), 10) || 11_000;
    const cp = new SimulatedChargePoint({ endpoint: this.options.endpoint, stationId, password: this.options.passwordFor(stationId), bidirectional, maxPowerW, responseLatencyMs: this.options.responseLatencyMs });
    this.chargePoints.push(cp);
    await cp.connect();
    await cp.boot();
    const dwellMs = session.departure.getTime() - session.arrival.getTime();
    const replayed = replayedSession(session, new Date(Date.now() + dwellMs / this.options.speedup), index);
    let simulatedNow = replayed.arrival;
    await cp.startTransaction(replayed, simulatedNow);
    await cp.notifyChargingNeeds(bidirectional ? maxPowerW : 0);
    const tickMs = Math.max(10, (this.options.meterIntervalS * 1000) / this.options.speedup);
    while (simulatedNow < replayed.departure && !signal?.aborted) {
      await sleep(tickMs);
      simulatedNow = new Date(Math.min(replayed.departure.getTime(), simulatedNow.getTime() + this.options.meterIntervalS * 1000));
      await cp.reportMeterValues(simulatedNow);
    }
    await cp.endTransaction(simulatedNow);
  }
}
