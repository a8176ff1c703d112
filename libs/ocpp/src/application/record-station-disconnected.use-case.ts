import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';

/**
 * A station's socket closed. Its open transactions keep their status (the EV is most likely
 * still plugged in and the station keeps charging on its last profile), but their telemetry is
 * marked stale from now on, so planning does not trust readings it is no longer getting. The
 * station's queued offline TransactionEvents reconcile them after it reconnects.
 */
@Injectable()
export class RecordStationDisconnectedUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(stationRowId: string, at: Date): Promise<{ staleTransactions: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository(OcppStationEntity).update({ id: stationRowId }, { connected: false, lastSeenAt: at });
      const result = await manager
        .getRepository(OcppTransactionEntity)
        .update({ ocppStationId: stationRowId, endedAt: IsNull(), telemetryStaleSince: IsNull() }, { telemetryStaleSince: at, updatedAt: at });
      return { staleTransactions: result.affected ?? 0 };
    });
  }
}
