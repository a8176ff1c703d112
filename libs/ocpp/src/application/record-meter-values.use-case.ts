import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { readMeterValues } from '../domain/meter-reading';
import type { MeterValuesRequest } from '../protocol/ocpp-messages';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import { applyLatestReading, applyStartRegister } from './apply-transaction-event.use-case';
import { OCPP_TELEMETRY_PORT, OcppTelemetryPort } from './ocpp-telemetry.port';
import type { ConnectedStation } from './station-principal';

export interface MeterValuesOutcome {
  readonly transactionId: string | null;
  readonly readingsStored: number;
}

/**
 * MeterValues outside a TransactionEvent (2.0.1 Part 2 J01, sampled per EVSE): attributed to the
 * open transaction on that EVSE; with none open, they are EVSE-level readings we do not keep.
 */
@Injectable()
export class RecordMeterValuesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OCPP_TELEMETRY_PORT) private readonly telemetry: OcppTelemetryPort,
  ) {}

  async execute(station: ConnectedStation, request: MeterValuesRequest, receivedAt: Date): Promise<MeterValuesOutcome> {
    const readings = readMeterValues(request.meterValue);
    const row = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OcppTransactionEntity);
      const open = await repository.findOne({
        where: { ocppStationId: station.id, evseNumber: request.evseId, endedAt: IsNull() },
        order: { startedAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!open) return null;
      applyLatestReading(open, readings);
      applyStartRegister(open, readings);
      open.telemetryStaleSince = null;
      open.updatedAt = receivedAt;
      await repository.save(open);
      return open;
    });
    if (!row) return { transactionId: null, readingsStored: 0 };
    const readingsStored = await this.telemetry.ingest({ sessionId: row.sessionId, stationId: station.stationId, transactionId: row.transactionId, readings });
    return { transactionId: row.transactionId, readingsStored };
  }
}
