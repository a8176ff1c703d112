import type { FlexibilityEnvelope } from '../flexibility-envelope';

const scaled = (values: Float64Array, weight: number): Float64Array => Float64Array.from(values, (v) => v * weight);

/**
 * A forecast cohort as one planning unit: `weight` expected EVs with the same envelope, so powers
 * and energies scale by the weight and shapes stay. Exact for the expected view the day-ahead
 * plan uses; the firm (reserve) view keeps the per-EV envelope with its weight in the aggregation.
 */
export function weightedEnvelope(envelope: FlexibilityEnvelope, weight: number): FlexibilityEnvelope {
  if (!(weight > 0 && Number.isFinite(weight))) throw new Error(`weight must be positive, got ${weight}`);
  return {
    ...envelope,
    minPowerKw: scaled(envelope.minPowerKw, weight),
    maxPowerKw: scaled(envelope.maxPowerKw, weight),
    earliestEnergyKwh: scaled(envelope.earliestEnergyKwh, weight),
    latestEnergyKwh: scaled(envelope.latestEnergyKwh, weight),
    targetStoredKwh: envelope.targetStoredKwh * weight,
    needStoredKwh: envelope.needStoredKwh * weight,
    shortfallStoredKwh: envelope.shortfallStoredKwh * weight,
  };
}
