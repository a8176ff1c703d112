import { Decimal, PowerKw } from '@vpp/units';

/**
 * What an OEM cloud tells us about one vehicle at one instant (issue 3 item 5). `observedAt` is
 * the car's own time stamp; the age of the state is measured from it, not from when we received it.
 */
export interface VehicleState {
  /** State of charge, percent 0-100, up to 2 decimals. */
  readonly socPct: Decimal;
  readonly pluggedIn: boolean;
  /** Positive while charging, negative while discharging (V2G), zero when idle. */
  readonly chargingPower: PowerKw;
  readonly observedAt: Date;
  /**
   * The energy the car took since this plug-in, kWh, as the OEM measured it (the car's own
   * charged-energy counter, e.g. Tesla's `charge_energy_added`). It restarts at 0 at the next plug-in
   * and, with some makers, at a new charge within the same plug-in. Absent when the OEM reports none.
   */
  readonly chargeEnergyAddedKwh?: Decimal;
  /**
   * Optional position from the OEM. Adapters pass it on for live use only: it is never stored,
   * because a parked car's position is its driver's home or work address (issue 3 item 7).
   */
  readonly location?: { readonly latitude: Decimal; readonly longitude: Decimal };
}

/** The last known state with its age, as callers see it when the OEM is unreachable. */
export interface KnownVehicleState {
  readonly state: VehicleState;
  readonly receivedAt: Date;
  readonly ageSeconds: number;
}

export function ageOf(state: Pick<VehicleState, 'observedAt'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - state.observedAt.getTime()) / 1000));
}

/** Out-of-order delivery (a late poll answer after a webhook) must never overwrite a newer state. */
export function isNewer(candidate: Pick<VehicleState, 'observedAt'>, current: Pick<VehicleState, 'observedAt'> | null): boolean {
  return current === null || candidate.observedAt.getTime() > current.observedAt.getTime();
}
