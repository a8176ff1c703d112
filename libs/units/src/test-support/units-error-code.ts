import { UnitsError } from '../units-error';

/**
 * Test helper: the `code` of the UnitsError that `fn` throws, `undefined` if it returns, or a
 * descriptive string for any other error, so a table can assert the exact code.
 */
export function unitsErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof UnitsError ? error.code : `not a UnitsError: ${String(error)}`;
  }
  return undefined;
}
