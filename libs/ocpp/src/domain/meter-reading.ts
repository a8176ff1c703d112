import { Decimal } from '@vpp/units';
import type { MeterValue, SampledValue } from '../protocol/ocpp-messages';
import { decimalFromWire, wattsToKw } from './wire-number';

/**
 * One instant of a meter as the platform models it: net active power (import minus export, so
 * discharge is negative), the import energy register and the EV's state of charge where known.
 */
export interface MeterReading {
  readonly measuredAt: Date;
  readonly powerKw: Decimal | null;
  readonly energyRegisterKwh: Decimal | null;
  readonly socPct: Decimal | null;
}

// Measurand defaults to Energy.Active.Import.Register when absent (OCPP 2.0.1 Part 2, SampledValueType).
const DEFAULT_MEASURAND = 'Energy.Active.Import.Register';

/** Scales by unitOfMeasure.multiplier (a power of ten, 2.0.1 UnitOfMeasureType) into the base unit. */
function scaled(sample: SampledValue): Decimal {
  const multiplier = sample.unitOfMeasure?.multiplier ?? 0;
  return decimalFromWire(sample.value).times(new Decimal(10).pow(multiplier));
}

/** kW or kWh from a W/Wh (default) or kW/kWh sample. */
function toKilo(sample: SampledValue, baseUnit: 'W' | 'Wh'): Decimal {
  const unit = sample.unitOfMeasure?.unit ?? baseUnit;
  const value = scaled(sample);
  return unit === `k${baseUnit}` ? value : wattsToKw(value);
}

// Per-phase samples would be counted three times; only the total (no phase) is read.
function total(samples: SampledValue[], measurand: string): SampledValue | undefined {
  return samples.find((s) => (s.measurand ?? DEFAULT_MEASURAND) === measurand && s.phase === undefined);
}

export function readMeterValue(meterValue: MeterValue): MeterReading {
  const samples = meterValue.sampledValue;
  const importW = total(samples, 'Power.Active.Import');
  const exportW = total(samples, 'Power.Active.Export');
  const register = total(samples, 'Energy.Active.Import.Register');
  const soc = total(samples, 'SoC');
  let powerKw: Decimal | null = null;
  if (importW !== undefined || exportW !== undefined) {
    powerKw = (importW ? toKilo(importW, 'W') : new Decimal(0)).minus(exportW ? toKilo(exportW, 'W') : new Decimal(0));
  }
  return {
    measuredAt: new Date(meterValue.timestamp),
    powerKw,
    energyRegisterKwh: register ? toKilo(register, 'Wh') : null,
    socPct: soc ? scaled(soc) : null,
  };
}

/** Readings in time order; a message may list them in any order. */
export function readMeterValues(meterValues: MeterValue[] | undefined): MeterReading[] {
  return (meterValues ?? []).map(readMeterValue).sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime());
}
