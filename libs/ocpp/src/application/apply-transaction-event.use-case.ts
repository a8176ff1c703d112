import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MeterReading, readMeterValues } from '../domain/meter-reading';
import { isNewerThan, sessionStatusOf } from '../domain/transaction-progress';
import type { TransactionEventRequest } from '../protocol/ocpp-messages';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import { OCPP_FLEET_PORT, OcppFleetPort } from './ocpp-fleet.port';
import { OCPP_TELEMETRY_PORT, OcppTelemetryPort } from './ocpp-telemetry.port';
import type { ConnectedStation } from './station-principal';
import { toSessionUpdate } from './to-session-update';

export interface TransactionEventOutcome {
  readonly transactionRowId: string;
  readonly sessionId: string | null;
  /** False when the event was older than what we hold (late offline event): readings kept, state not. */
  readonly stateApplied: boolean;
  readonly readingsStored: number;
}

// The station's first event of a transaction SHALL carry evse (2.0.1 Part 2 E01.FR.16); 0 marks the rare one that did not.
const UNKNOWN_EVSE = 0;

/**
 * TransactionEvent Started/Updated/Ended (2.0.1 Part 2 E01-E15) -> our transaction row and the
 * fleet session, order-safe for events a station queued while offline (E12).
 */
@Injectable()
export class ApplyTransactionEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OCPP_FLEET_PORT) private readonly fleet: OcppFleetPort,
    @Inject(OCPP_TELEMETRY_PORT) private readonly telemetry: OcppTelemetryPort,
  ) {}

  async execute(station: ConnectedStation, event: TransactionEventRequest, receivedAt: Date): Promise<TransactionEventOutcome> {
    const readings = readMeterValues(event.meterValue);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockOrCreate(manager, station, event, receivedAt);
      const stateApplied = isNewerThan(event, { lastSeqNo: row.lastSeqNo, lastEventAt: row.lastEventAt, ended: row.endedAt !== null });
      if (stateApplied) applyState(row, event);
      applyFacts(row, event);
      applyLatestReading(row, readings);
      applyStartRegister(row, readings);
      if (event.offline === true) row.offlineEventCount += 1;
      // Any message of the transaction proves the station is back; its queued events fill the gap.
      row.telemetryStaleSince = null;
      row.updatedAt = receivedAt;
      row.sessionId = (await this.fleet.upsertSession(manager, toSessionUpdate(station, row))) ?? row.sessionId;
      await manager.getRepository(OcppTransactionEntity).save(row);
      return { transactionRowId: row.id, sessionId: row.sessionId, stateApplied };
    });
    const readingsStored =
      readings.length === 0
        ? 0
        : await this.telemetry.ingest({ sessionId: outcome.sessionId, stationId: station.stationId, transactionId: event.transactionInfo.transactionId, readings });
    return { ...outcome, readingsStored };
  }

  private async lockOrCreate(manager: EntityManager, station: ConnectedStation, event: TransactionEventRequest, at: Date): Promise<OcppTransactionEntity> {
    const repository = manager.getRepository(OcppTransactionEntity);
    const eventAt = new Date(event.timestamp);
    await repository
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        ocppStationId: station.id,
        transactionId: event.transactionInfo.transactionId,
        evseNumber: event.evse?.id ?? UNKNOWN_EVSE,
        status: sessionStatusOf(event.eventType, event.transactionInfo.chargingState),
        chargingState: event.transactionInfo.chargingState ?? null,
        startedAt: eventAt,
        lastSeqNo: -1,
        lastEventAt: new Date(0),
        updatedAt: at,
      })
      .orIgnore()
      .execute();
    return repository.findOneOrFail({
      where: { ocppStationId: station.id, transactionId: event.transactionInfo.transactionId },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

function applyState(row: OcppTransactionEntity, event: TransactionEventRequest): void {
  const eventAt = new Date(event.timestamp);
  row.status = sessionStatusOf(event.eventType, event.transactionInfo.chargingState);
  row.chargingState = event.transactionInfo.chargingState ?? row.chargingState;
  row.lastSeqNo = event.seqNo;
  row.lastEventAt = eventAt;
  if (event.eventType === 'Ended') row.endedAt = eventAt;
}

/** Facts that hold whatever the arrival order: the earliest event is the start, the EVSE is known once. */
function applyFacts(row: OcppTransactionEntity, event: TransactionEventRequest): void {
  const eventAt = new Date(event.timestamp);
  if (event.eventType === 'Started' || eventAt < row.startedAt) row.startedAt = eventAt;
  if (event.evse && row.evseNumber === UNKNOWN_EVSE) row.evseNumber = event.evse.id;
}

/** Keeps the newest reading on the row; older ones only go to telemetry. */
export function applyLatestReading(row: OcppTransactionEntity, readings: readonly MeterReading[]): void {
  const latest = readings[readings.length - 1];
  if (!latest || (row.lastReadingAt !== null && latest.measuredAt <= row.lastReadingAt)) return;
  row.lastReadingAt = latest.measuredAt;
  if (latest.powerKw !== null) row.lastPowerKw = latest.powerKw.toDecimalPlaces(3);
  if (latest.energyRegisterKwh !== null) row.energyRegisterKwh = latest.energyRegisterKwh.toDecimalPlaces(6);
}

/** The register only grows, so the lowest reading seen, in whatever order, is the start. */
export function applyStartRegister(row: OcppTransactionEntity, readings: readonly MeterReading[]): void {
  for (const reading of readings) {
    const register = reading.energyRegisterKwh?.toDecimalPlaces(6);
    if (register && (row.startRegisterKwh === null || register.lessThan(row.startRegisterKwh))) row.startRegisterKwh = register;
  }
}
