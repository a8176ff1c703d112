import { EnergyKwh, PowerKw } from '@vpp/units';
import type { SessionState, SessionUpdate } from '../domain/session-update';
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

/** The columns a partial update writes: only the fields it carries (`undefined` keeps, `null` clears). */
export function sessionColumnsOfUpdate(update: SessionUpdate): Partial<SessionEntity> {
  const columns: Partial<Record<keyof SessionEntity, unknown>> = {};
  const set = <K extends keyof SessionUpdate>(key: K, column: keyof SessionEntity, to: (value: NonNullable<SessionUpdate[K]>) => unknown): void => {
    const value = update[key];
    if (value === undefined) return;
    columns[column] = value === null ? null : to(value as NonNullable<SessionUpdate[K]>);
  };
  set('fleetId', 'fleetId', (v) => v);
  set('evseId', 'evseId', (v) => v);
  set('vehicleId', 'vehicleId', (v) => v);
  set('arrivalAt', 'arrivalAt', (v) => v);
  set('expectedDepartureAt', 'expectedDepartureAt', (v) => v);
  set('actualDepartureAt', 'actualDepartureAt', (v) => v);
  set('energyNeedKwh', 'energyNeedKwh', (v) => v.value);
  set('targetSocPct', 'targetSocPct', (v) => v);
  set('minSocPct', 'minSocPct', (v) => v);
  set('energyDeliveredKwh', 'energyDeliveredKwh', (v) => v.value);
  set('maxPowerKw', 'maxPowerKw', (v) => v.value);
  set('minPowerKw', 'minPowerKw', (v) => v.value);
  set('status', 'status', (v) => v);
  set('controlChannel', 'controlChannel', (v) => v);
  set('canDischarge', 'canDischarge', (v) => v);
  return columns as Partial<SessionEntity>;
}
