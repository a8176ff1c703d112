import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { energyFromPowerStep, MeterValueGroupIngest, MeterValueIngestService } from '@vpp/telemetry';
import { Decimal } from '@vpp/units';
import type { VehicleState } from '../domain/vehicle-state';

/**
 * OEM vehicle states into `meter_values` (issue 3 item 8): a state of a plugged-in vehicle that
 * has a session at that instant (`sessions.vehicle_id`, arrival at or before `observedAt` and not
 * yet departed) becomes a meter value of that session, power and SoC as the OEM measured them. Its
 * energy register:
 * - MEASURED (`energy_source = 'measured'`) when the state carries the car's own charged-energy
 *   counter (`chargeEnergyAddedKwh`, energy since plug-in): the session begins at plug-in, so the
 *   counter is the session's register at that instant. Integrating polled power instead comes out
 *   short when the car stops (e.g. at its target SoC) between two polls.
 * - DERIVED (`energy_source = 'derived_from_power'`) otherwise: integrated from the power readings
 *   (ASSUMED linear between two readings, trapezoid, import only) from the session's previous
 *   stored value; a session's first OEM value starts it at 0 kWh (settlement uses register steps
 *   only). Also when the counter is below the previous stored register: the car restarted it (a new
 *   charge within the same plug-in, or a register that was derived higher), and a register must not
 *   go down, so the step is derived from the previous value and later counters below the register
 *   keep being stepped the same way.
 *
 * The unplug state that finished an OEM session (OemSessionTracker: departure at the state's
 * instant) closes its register: a last meter value at the unplug instant, power 0 as reported, the
 * energy up to it the car's counter when it carries one at or above the previous register
 * (measured), else the previous reading's power held until the unplug (a step at a known instant,
 * not a ramp; ASSUMED nothing changed since that reading), so the last interval's energy is not lost.
 *
 * Idempotent: a state whose instant is already stored for the session writes nothing, so the
 * poller may hand over every state it reads (unchanged ones cost two index reads) and a state
 * that failed to reach telemetry once is taken the next time it is read. A late state (older
 * than the stored latest) steps from the nearest earlier stored value (a late counter above a
 * later stored register is quarantined by the ingest as a negative step).
 */
@Injectable()
export class VehicleStateTelemetry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly telemetry: MeterValueIngestService,
    private readonly group: MeterValueGroupIngest,
  ) {}

  /** Returns the session the state was recorded for, or null (not plugged in, no session, or already stored). */
  async record(vehicleId: string, state: VehicleState): Promise<string | null> {
    if (!state.pluggedIn) return this.recordUnplug(vehicleId, state);
    const sessions: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sessions
        WHERE vehicle_id = $1 AND arrival_at <= $2 AND coalesce(actual_departure_at, 'infinity'::timestamptz) > $2
        ORDER BY arrival_at DESC LIMIT 1`,
      [vehicleId, state.observedAt],
    );
    const sessionId = sessions[0]?.id;
    if (sessionId === undefined) return null;
    const previous = await this.telemetry.latestAtOrBefore(sessionId, state.observedAt);
    if (previous !== null && previous.measuredAt.getTime() === state.observedAt.getTime()) return null;
    const powerKw = state.chargingPower.value;
    const counter = measuredRegister(state, previous === null ? null : new Decimal(previous.energyRegisterKwh));
    const energyKwh =
      counter ??
      energyFromPowerStep(
        previous === null ? null : { atMs: previous.measuredAt.getTime(), energyKwh: new Decimal(previous.energyRegisterKwh), powerKw: new Decimal(previous.powerKw) },
        { atMs: state.observedAt.getTime(), powerKw },
      );
    await this.group.submit([
      {
        sessionId,
        measuredAt: state.observedAt.toISOString(),
        powerKw: powerKw.toFixed(),
        energyRegisterKwh: energyKwh,
        socPct: state.socPct.toFixed(),
        source: 'oem',
        energySource: counter === null ? 'derived_from_power' : 'measured',
      },
    ]);
    return sessionId;
  }

  /** The closing meter value of the session this unplug state finished (its departure is the state's instant), or null. */
  private async recordUnplug(vehicleId: string, state: VehicleState): Promise<string | null> {
    const sessions: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sessions WHERE vehicle_id = $1 AND arrival_at < $2 AND actual_departure_at = $2 ORDER BY arrival_at DESC LIMIT 1`,
      [vehicleId, state.observedAt],
    );
    const sessionId = sessions[0]?.id;
    if (sessionId === undefined) return null;
    const previous = await this.telemetry.latestAtOrBefore(sessionId, state.observedAt);
    if (previous === null || previous.measuredAt.getTime() === state.observedAt.getTime()) return null;
    const held = new Decimal(previous.powerKw);
    const counter = measuredRegister(state, new Decimal(previous.energyRegisterKwh));
    const energyKwh =
      counter ??
      energyFromPowerStep(
        { atMs: previous.measuredAt.getTime(), energyKwh: new Decimal(previous.energyRegisterKwh), powerKw: held },
        { atMs: state.observedAt.getTime(), powerKw: held },
      );
    await this.group.submit([
      {
        sessionId,
        measuredAt: state.observedAt.toISOString(),
        powerKw: state.chargingPower.value.toFixed(),
        energyRegisterKwh: energyKwh,
        socPct: state.socPct.toFixed(),
        source: 'oem',
        energySource: counter === null ? 'derived_from_power' : 'measured',
      },
    ]);
    return sessionId;
  }
}

/**
 * The car's counter as the session's register (at the register column's 1 mWh), or null when the
 * state has none or it is below the previous stored register (restarted within the plug-in).
 */
function measuredRegister(state: VehicleState, previousKwh: Decimal | null): string | null {
  const counter = state.chargeEnergyAddedKwh;
  if (counter === undefined || (previousKwh !== null && counter.lt(previousKwh))) return null;
  return counter.toFixed(6);
}
