import { Decimal, RoundingMode } from '@vpp/units';

/** A stored or reported reading of one session, the quantities as exact decimals. */
export interface EnergyReading {
  readonly atMs: number;
  readonly energyKwh: Decimal;
}

export interface PowerEnergyReading extends EnergyReading {
  readonly powerKw: Decimal;
}

const MS_PER_HOUR = new Decimal(3_600_000);
const ZERO = new Decimal(0);

/**
 * DERIVED power for a channel that reports only energy (OCPI Session `kwh`): the energy step
 * since the previous reading over the time step, in kW, rounded once to the column's 1 W (half
 * away from zero). A register that went down (a late or corrected value) gives 0, never a
 * negative "discharge": the register is import only, and the ingest quarantines such a step.
 * Without a previous reading (or at the same instant) there is no step: 0.
 */
export function powerFromEnergyStep(previous: EnergyReading | null, current: EnergyReading): string {
  if (previous === null || current.atMs <= previous.atMs) return '0.000';
  const step = Decimal.max(ZERO, current.energyKwh.minus(previous.energyKwh));
  return step.times(MS_PER_HOUR).dividedBy(current.atMs - previous.atMs).toFixed(3, RoundingMode.HALF_AWAY_FROM_ZERO);
}

/**
 * DERIVED energy register for a channel that reports only power (OEM clouds): the previous
 * register plus the imported energy since, ASSUMED linear in power between the two readings
 * (trapezoid; a negative, discharging, reading counts as 0 import), rounded once to the column's
 * 1 mWh. The first reading of a session starts the register at 0 kWh: settlement uses steps only.
 */
export function energyFromPowerStep(previous: PowerEnergyReading | null, current: { readonly atMs: number; readonly powerKw: Decimal }): string {
  if (previous === null) return '0.000000';
  if (current.atMs <= previous.atMs) return previous.energyKwh.toFixed(6, RoundingMode.HALF_AWAY_FROM_ZERO);
  const meanImportKw = Decimal.max(ZERO, previous.powerKw).plus(Decimal.max(ZERO, current.powerKw)).dividedBy(2);
  return previous.energyKwh.plus(meanImportKw.times(current.atMs - previous.atMs).dividedBy(MS_PER_HOUR)).toFixed(6, RoundingMode.HALF_AWAY_FROM_ZERO);
}
