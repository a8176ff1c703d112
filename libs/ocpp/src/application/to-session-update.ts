import type { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import type { OcppSessionUpdate } from './ocpp-fleet.port';
import type { ConnectedStation } from './station-principal';

/** The fleet-facing view of a transaction row. */
export function toSessionUpdate(station: ConnectedStation, row: OcppTransactionEntity): OcppSessionUpdate {
  const delivered = row.energyRegisterKwh !== null && row.startRegisterKwh !== null ? row.energyRegisterKwh.minus(row.startRegisterKwh) : null;
  return {
    station,
    transactionId: row.transactionId,
    evseNumber: row.evseNumber,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    lastEventAt: row.lastEventAt,
    energyDeliveredKwh: delivered,
    departureAt: row.departureAt,
    energyNeedKwh: row.energyNeedKwh,
    // Only a 2.1 connection to declared V2X hardware with an EV that offered discharge can do it.
    canDischarge: station.protocol === 'ocpp2.1' && station.declaredBidirectional && row.maxDischargeKw !== null && row.maxDischargeKw.greaterThan(0),
  };
}
