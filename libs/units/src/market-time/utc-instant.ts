import { UnitsError } from '../units-error';

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/**
 * Parses a strict ISO 8601 UTC instant: `YYYY-MM-DDTHH:mm[:ss[.sss]]Z`. Local times, offsets
 * other than `Z`, date-only strings and impossible dates are refused, where `new Date()` would
 * silently roll `2024-02-30` over to 1 March or read an offset-less string as local time.
 *
 * @throws UnitsError `INVALID_INSTANT`.
 */
export function parseUtcInstant(text: string): Date {
  const match = typeof text === 'string' ? ISO_UTC.exec(text) : null;
  if (!match) {
    throw invalid(text, 'not an ISO 8601 UTC instant (YYYY-MM-DDTHH:mm[:ss[.sss]]Z)');
  }
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) {
    throw invalid(text, 'not a real instant');
  }
  // A rolled-over date (Feb 30, 24:00) formats differently from its input.
  const [, year, month, day, hour, minute, second = '00'] = match;
  const expected = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  if (!instant.toISOString().startsWith(expected)) {
    throw invalid(text, 'not a real instant');
  }
  return instant;
}

function invalid(text: unknown, reason: string): UnitsError {
  return new UnitsError('INVALID_INSTANT', `${JSON.stringify(text)}: ${reason}`);
}
