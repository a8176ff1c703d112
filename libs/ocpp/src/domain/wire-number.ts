import { Decimal, parseDecimal, RoundingMode } from '@vpp/units';
import { OcppError } from './ocpp.errors';

// OCPP-J carries quantities as JSON numbers. They become Decimal at this edge and come back as
// whole watts or seconds, so no binary fraction ever reaches our arithmetic or the database.

/** A JSON number from the wire, exactly as printed by the sender, as a Decimal. */
export function decimalFromWire(value: number): Decimal {
  if (!Number.isFinite(value)) throw new OcppError('OCPP_WIRE_NUMBER_INVALID', `not a finite number: ${String(value)}`);
  const printed = String(value);
  // Very small or large doubles print with an exponent; 12 fraction digits is far below any meter's resolution.
  const plain = /e/i.test(printed) ? value.toFixed(12).replace(/\.?0+$/, '') : printed;
  return parseDecimal(plain);
}

/**
 * Whole watts for the wire. The rounding mode is the caller's named decision: limits round
 * toward zero so we never allow more than decided; setpoints half-even.
 */
export function wattsToWire(watts: Decimal, mode: (typeof RoundingMode)[keyof typeof RoundingMode]): number {
  return Number.parseInt(watts.toDecimalPlaces(0, mode).toFixed(0), 10);
}

export function kwToWatts(kw: Decimal): Decimal {
  return kw.times(1000);
}

export function wattsToKw(watts: Decimal): Decimal {
  return watts.dividedBy(1000);
}
