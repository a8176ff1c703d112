import { z } from 'zod/v4';

// kW travel as decimal strings (never JSON numbers), at most numeric(14,3)'s scale. Signed, so a
// negative value reaches the domain check and gets its code instead of a pattern message.
export const kw = (what: string) => z.string().regex(/^-?\d{1,11}(\.\d{1,3})?$/, `${what} is a decimal string of kW with at most 3 decimals`);

/** An instant with Z or an offset: an offset-less one would be read in the server's zone. */
export const instant = (what: string) => z.iso.datetime({ offset: true }).describe(`${what}, e.g. 2026-11-26T23:00:00Z`);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a delivery day YYYY-MM-DD');
