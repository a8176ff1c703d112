import { UnitsError } from '../units-error';

/**
 * ISO 4217 codes we settle in: EUR, plus the national currencies of FCR Cooperation members in
 * case a national contract pays in them. All have two minor-unit digits (cents), which
 * `Money.roundToCents` relies on; add a code here only if that holds.
 */
export const CURRENCY_CODES = ['EUR', 'CHF', 'CZK', 'DKK'] as const;

/** An ISO 4217 currency code from {@link CURRENCY_CODES}. */
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

/** Digits after the decimal point in the minor unit of every {@link CurrencyCode}. */
export const CURRENCY_MINOR_DIGITS = 2;

export function isCurrencyCode(text: unknown): text is CurrencyCode {
  return typeof text === 'string' && (CURRENCY_CODES as readonly string[]).includes(text);
}

/**
 * Validates an ISO 4217 code (exact, upper case).
 *
 * @throws UnitsError `INVALID_CURRENCY` for unknown or unsupported codes.
 */
export function parseCurrencyCode(text: string): CurrencyCode {
  if (!isCurrencyCode(text)) {
    throw new UnitsError('INVALID_CURRENCY', `Unsupported currency code: ${JSON.stringify(text)}`);
  }
  return text;
}
