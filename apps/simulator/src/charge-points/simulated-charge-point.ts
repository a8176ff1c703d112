import { setTimeout as sleep } from 'node:timers/promises';
import type { RPCClient } from 'ocpp-rpc';
import type { ChargingSchedulePeriod, SetChargingProfileRequest, TransactionEventRequest } from '@vpp/ocpp';
import { createStationClient } from './station-client';
import { ChargingSession, meterValue, nextImportedWms, powerForPeriodW, WMS_PER_WH } from './simulated-meter';

export interface SimulatedChargePointOptions {
  readonly endpoint: string;
  readonly stationId: string;
  readonly password: string;
  /** Offered subprotocols, preferred first; a V2X station offers ocpp2.1. */
  readonly protocols?: readonly string[];
  readonly bidirectional: boolean;
  readonly maxPowerW: number;
  /** How long the station takes to answer SetChargingProfile (models a slow controller). */
  readonly responseLatencyMs?: number;
}

function stateOf(powerW: number, full: boolean): string {
  if (full) return 'SuspendedEV';
  return powerW === 0 ? 'SuspendedEVSE' : 'Charging';
}

/** Meters the interval; a charging EV stops within it once its need is met, so the register never overshoots. */
function advanceMeter(tx: OpenTransaction, at: Date): void {
  const next = nextImportedWms(tx.importedWms, tx.powerW, tx.lastMeterAt, at);
  tx.importedWms = tx.powerW > 0 ? Math.min(next, Math.max(tx.importedWms, tx.session.energyNeedWh * WMS_PER_WH)) : next;
  // The register reads whole Wh, truncated as a meter's display is: the energy behind it is kept exact.
  tx.registerWh = Math.floor(tx.importedWms / WMS_PER_WH);
  tx.lastMeterAt = at;
}

interface OpenTransaction {
  readonly session: ChargingSession;
  seqNo: number;
  registerWh: number;
  importedWms: number;
  powerW: number;
  period: ChargingSchedulePeriod | null;
  lastMeterAt: Date;
}

/**
 * One depot charge point speaking OCPP 2.1 (or 2.0.1) to our CSMS over a real WebSocket. It boots,
 * reports status, runs one transaction at a time on EVSE 1 with periodic meter values, reports the
 * EV's charging needs, applies the CSMS's profiles (limits, and setpoints incl. discharge when
 * bidirectional), and queues TransactionEvents while offline to send them with `offline: true`
 * after reconnecting (2.0.1 Part 2 E12).
 */
export class SimulatedChargePoint {
  readonly client: RPCClient;
  readonly receivedProfiles: SetChargingProfileRequest[] = [];
  private transaction: OpenTransaction | null = null;
  private readonly offlineQueue: TransactionEventRequest[] = [];
  private online = false;
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: SimulatedChargePointOptions) {
    this.client = createStationClient({ ...options, protocols: options.protocols ?? ['ocpp2.1'] });
    this.client.handle('SetChargingProfile', ({ params }) => this.onSetChargingProfile(params as SetChargingProfileRequest));
    this.client.handle('ClearChargingProfile', () => this.onClearChargingProfile());
    this.client.on('open', () => void this.flushOfflineQueue().catch(() => undefined));
    this.client.on('disconnect', () => {
      this.online = false;
    });
  }

  get protocol(): string | undefined {
    return this.client.protocol;
  }

  get currentPowerW(): number {
    return this.transaction?.powerW ?? 0;
  }

  async connect(): Promise<void> {
    await this.client.connect();
    this.online = true;
  }

  async boot(at: Date = new Date()): Promise<{ status: string; interval: number }> {
    const response = (await this.client.call('BootNotification', {
      reason: 'PowerUp',
      chargingStation: { vendorName: 'ev-vpp-simulator', model: this.options.bidirectional ? 'V2X-DC-11' : 'AC-22', firmwareVersion: '1.0.0' },
    })) as { status: string; interval: number };
    await this.client.call('StatusNotification', { timestamp: at.toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    return response;
  }

  async startTransaction(session: ChargingSession, at: Date = session.arrival): Promise<void> {
    this.transaction = { session, seqNo: 0, registerWh: 0, importedWms: 0, powerW: this.options.maxPowerW, period: null, lastMeterAt: at };
    await this.client.call('StatusNotification', { timestamp: at.toISOString(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    await this.sendEvent('Started', 'CablePluggedIn', at, 'EVConnected');
  }

  /** EV charging needs (ISO 15118 via the station); V2X parameters only on 2.1 bidirectional stations. */
  async notifyChargingNeeds(maxDischargeW: number): Promise<string> {
    const session = this.requireTransaction().session;
    const v2x = this.options.bidirectional && this.client.protocol === 'ocpp2.1';
    const response = (await this.client.call('NotifyEVChargingNeeds', {
      evseId: 1,
      chargingNeeds: {
        requestedEnergyTransfer: v2x ? 'DC_BPT' : 'AC_three_phase',
        departureTime: session.departure.toISOString(),
        ...(v2x
          ? { v2xChargingParameters: { maxChargePower: this.options.maxPowerW, maxDischargePower: maxDischargeW, evTargetEnergyRequest: session.energyNeedWh } }
          : { acChargingParameters: { energyAmount: session.energyNeedWh, evMinCurrent: 6, evMaxCurrent: 32, evMaxVoltage: 400 } }),
      },
    })) as { status: string };
    return response.status;
  }

  /** Advances the meter to `at` at the current power and reports it inside a TransactionEvent. */
  async reportMeterValues(at: Date): Promise<void> {
    const tx = this.requireTransaction();
    advanceMeter(tx, at);
    // The EV stops drawing once it has what it came for (the real session's energy), as real EVs do.
    const full = tx.registerWh >= tx.session.energyNeedWh && tx.powerW > 0;
    if (full) tx.powerW = 0;
    await this.sendEvent('Updated', full ? 'EnergyLimitReached' : 'MeterValuePeriodic', at, stateOf(tx.powerW, full));
  }

  async endTransaction(at: Date): Promise<void> {
    const tx = this.requireTransaction();
    advanceMeter(tx, at);
    await this.sendEvent('Ended', 'EVDeparted', at, 'Idle');
    this.transaction = null;
  }

  /** Drops the TCP connection without a close handshake, as a failing modem would. */
  async loseConnection(): Promise<void> {
    this.online = false;
    await this.client.close({ force: true });
  }

  /** Reconnects after `loseConnection`; queued offline events go out first. */
  async reconnect(): Promise<void> {
    await this.connect();
    await this.flushOfflineQueue();
  }

  async close(): Promise<void> {
    this.online = false;
    await this.client.close({ code: 1000, reason: 'simulation over' });
  }

  private async sendEvent(eventType: TransactionEventRequest['eventType'], triggerReason: string, at: Date, chargingState: string): Promise<void> {
    const tx = this.requireTransaction();
    const event = {
      eventType,
      timestamp: at.toISOString(),
      triggerReason,
      seqNo: tx.seqNo++,
      evse: { id: 1, connectorId: 1 },
      transactionInfo: { transactionId: tx.session.transactionId, chargingState },
      meterValue: [meterValue(at, tx.powerW, tx.registerWh)],
    } as TransactionEventRequest;
    if (!this.online) {
      this.offlineQueue.push({ ...event, offline: true });
      return;
    }
    await this.client.call('TransactionEvent', event);
  }

  /** One flush at a time ('open' and reconnect() both ask), in the order the events happened. */
  private flushOfflineQueue(): Promise<void> {
    this.online = true;
    // `.finally` runs after the assignment, even when the queue is empty and the drain is instant.
    this.flushing ??= this.drainOfflineQueue().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drainOfflineQueue(): Promise<void> {
    while (this.offlineQueue.length > 0) {
      await this.client.call('TransactionEvent', this.offlineQueue[0]);
      this.offlineQueue.shift();
    }
  }

  private async onSetChargingProfile(request: SetChargingProfileRequest): Promise<Record<string, unknown>> {
    if (this.options.responseLatencyMs) await sleep(this.options.responseLatencyMs);
    const tx = this.transaction;
    const period = request.chargingProfile.chargingSchedule[0]?.chargingSchedulePeriod[0];
    if (!tx || !period || request.chargingProfile.transactionId !== tx.session.transactionId) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownTransaction' } };
    }
    const discharging = (period.setpoint ?? 0) < 0 || (period.dischargeLimit ?? 0) < 0;
    if (discharging && !this.options.bidirectional) return { status: 'Rejected', statusInfo: { reasonCode: 'NoBidirectional' } };
    this.receivedProfiles.push(request);
    tx.period = period;
    tx.powerW = powerForPeriodW(period, this.options.maxPowerW);
    return { status: 'Accepted' };
  }

  private onClearChargingProfile(): Promise<Record<string, unknown>> {
    const tx = this.transaction;
    if (!tx || tx.period === null) return Promise.resolve({ status: 'Unknown' });
    tx.period = null;
    tx.powerW = this.options.maxPowerW;
    return Promise.resolve({ status: 'Accepted' });
  }

  private requireTransaction(): OpenTransaction {
    if (!this.transaction) throw new Error(`${this.options.stationId}: no transaction in progress`);
    return this.transaction;
  }
}
