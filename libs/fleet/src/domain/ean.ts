import { FleetError } from './fleet.errors';

/**
 * True for an 18-digit EAN (GS1 GSRN, as used for European grid connection points) whose last
 * digit is the GS1 mod-10 check digit: weights 3 and 1 alternate from the rightmost data digit.
 */
export function isValidEan(ean: string): boolean {
  if (!/^[0-9]{18}$/.test(ean)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const digit = ean.charCodeAt(i) - 48;
    // Position counted from the right of the 17 data digits: odd positions weigh 3.
    sum += (17 - i) % 2 === 1 ? digit * 3 : digit;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === ean.charCodeAt(17) - 48;
}

/** Returns the EAN unchanged, or throws `INVALID_EAN`. */
export function parseEan(ean: string): string {
  if (!isValidEan(ean)) throw new FleetError('INVALID_EAN', `${JSON.stringify(ean)} is not an 18-digit EAN with a valid check digit`);
  return ean;
}

/** Completes 17 data digits with their check digit (for tests and fixtures). */
export function withEanCheckDigit(dataDigits: string): string {
  if (!/^[0-9]{17}$/.test(dataDigits)) throw new FleetError('INVALID_EAN', 'an EAN has 17 data digits');
  for (let check = 0; check < 10; check += 1) {
    const candidate = `${dataDigits}${check}`;
    if (isValidEan(candidate)) return candidate;
  }
  throw new FleetError('INVALID_EAN', 'no check digit fits');
}
