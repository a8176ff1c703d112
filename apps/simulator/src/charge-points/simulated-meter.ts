import type { ChargingSchedulePeriod, MeterValue } from '@vpp/ocpp';

/** A session as the simulated EV brings it: our test/replay input, in whole W and Wh. */
export interface ChargingSession {
  readonly transactionId: string;
  readonly arrival: Date;
  readonly departure: Date;
  readonly energyNeedWh: number;
}

const MS_PER_HOUR = 3_600_000;

/**
 * The device follows a setpoint exactly (negative = discharge, bounded by the discharge limit)
 * and treats a limit as a cap on its maximum power. Whole watts: the station's meter resolution.
 */
export function powerForPeriodW(period: ChargingSchedulePeriod, maxPowerW: number): number {
  if (period.setpoint !== undefined) {
    const floor = Math.max(period.dischargeLimit ?? 0, -maxPowerW);
    return Math.round(Math.min(maxPowerW, Math.max(floor, period.setpoint)));
  }
  return Math.round(Math.min(maxPowerW, Math.max(0, period.limit ?? maxPowerW)));
}

/**
 * The import register only counts imported energy (Energy.Active.Import.Register), so discharge
 * leaves it unchanged; whole Wh keep the simulated meter integer and exact.
 */
export function nextRegisterWh(registerWh: number, powerW: number, from: Date, to: Date): number {
  const hours = Math.max(0, to.getTime() - from.getTime()) / MS_PER_HOUR;
  return registerWh + Math.round(Math.max(0, powerW) * hours);
}

/** Watt-milliseconds in a watt-hour: the exact unit a simulated meter accumulates in (integers). */
export const WMS_PER_WH = 3_600_000;

/**
 * Imported energy after an interval, exact in W*ms (whole watts times whole milliseconds), so a
 * register read out in whole Wh loses nothing however many intervals it is metered in.
 */
export function nextImportedWms(importedWms: number, powerW: number, from: Date, to: Date): number {
  return importedWms + Math.max(0, powerW) * Math.max(0, to.getTime() - from.getTime());
}

/** Power as import or export (both non-negative, as meters report them) and the register. */
export function meterValue(at: Date, powerW: number, registerWh: number): MeterValue {
  return {
    timestamp: at.toISOString(),
    sampledValue: [
      { value: Math.max(0, powerW), measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
      { value: Math.max(0, -powerW), measurand: 'Power.Active.Export', unitOfMeasure: { unit: 'W' } },
      { value: registerWh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
    ],
  };
}
