import { EnergyKwh, PowerKw } from '@vpp/units';
import type { SessionState } from '../domain/session-update';
import type { SessionEntity } from '../infrastructure/persistence/session.entity';

export function sessionStateOf(row: SessionEntity): SessionState {
  return {
    fleetId: row.fleetId,
    evseId: row.evseId,
    vehicleId: row.vehicleId,
    arrivalAt: row.arrivalAt,
    expectedDepartureAt: row.expectedDepartureAt,
    actualDepartureAt: row.actualDepartureAt,
    energyNeedKwh: row.energyNeedKwh === null ? null : EnergyKwh.of(row.energyNeedKwh),
    targetSocPct: row.targetSocPct,
    minSocPct: row.minSocPct,
    energyDeliveredKwh: EnergyKwh.of(row.energyDeliveredKwh),
    maxPowerKw: row.maxPowerKw === null ? null : PowerKw.of(row.maxPowerKw),
    minPowerKw: row.minPowerKw === null ? null : PowerKw.of(row.minPowerKw),
    status: row.status,
    controlChannel: row.controlChannel,
    canDischarge: row.canDischarge,
    externalUpdatedAt: row.externalUpdatedAt,
  };
}

/** The columns a state writes (everything but identity, provenance and timestamps). */
export function sessionColumnsOf(state: SessionState): Partial<SessionEntity> {
  return {
    fleetId: state.fleetId,
    evseId: state.evseId,
    vehicleId: state.vehicleId,
    arrivalAt: state.arrivalAt,
    expectedDepartureAt: state.expectedDepartureAt,
    actualDepartureAt: state.actualDepartureAt,
    energyNeedKwh: state.energyNeedKwh?.value ?? null,
    targetSocPct: state.targetSocPct,
    minSocPct: state.minSocPct,
    energyDeliveredKwh: state.energyDeliveredKwh.value,
    maxPowerKw: state.maxPowerKw?.value ?? null,
    minPowerKw: state.minPowerKw?.value ?? null,
    status: state.status,
    controlChannel: state.controlChannel,
    canDischarge: state.canDischarge,
    externalUpdatedAt: state.externalUpdatedAt,
  };
}
