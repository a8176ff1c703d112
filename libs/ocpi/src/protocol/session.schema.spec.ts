import { OcpiError } from '../domain/ocpi.errors';
import { parseOcpi } from './parse-ocpi';
import { chargingPreferencesSchema, sessionPatchSchema, sessionSchema } from './session.schema';

function aSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country_code: 'NL', party_id: 'ABC', id: 'S1', start_date_time: '2026-11-25T10:00:00Z', kwh: 1.5,
    cdr_token: { country_code: 'NL', party_id: 'ABC', uid: 'T1', type: 'RFID', contract_id: 'NL-ABC-C1' },
    auth_method: 'WHITELIST', location_id: 'LOC1', evse_uid: 'EVSE1', connector_id: '1', currency: 'EUR', status: 'ACTIVE',
    last_updated: '2026-11-25T10:05:00Z', ...overrides,
  };
}

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Session schema (mod_sessions)', () => {
  it('accepts a 2.2.1 Session and turns its DateTimes into instants', () => {
    const session = parseOcpi(sessionSchema, aSession(), 'Session');

    expect(session.last_updated.toISOString()).toBe('2026-11-25T10:05:00.000Z');
  });

  it.each([
    ['negative kwh', { kwh: -1 }, 'kwh'],
    ['an unknown status', { status: 'CHARGING' }, 'status'],
    ['a party id of 4 characters', { party_id: 'ABCD' }, 'party_id'],
    ['no last_updated', { last_updated: undefined }, 'last_updated'],
    ['an id over 36 characters', { id: 'x'.repeat(37) }, 'id'],
  ])('refuses %s with OCPI 2001, naming the field', (_name, overrides, field) => {
    const error = captureError(() => parseOcpi(sessionSchema, aSession(overrides), 'Session'));

    expect(error).toBeInstanceOf(OcpiError);
    expect((error as OcpiError).ocpiStatus).toBe(2001);
    expect((error as OcpiError).details.join(' ')).toContain(field);
  });

  it('requires last_updated in a PATCH and nothing else', () => {
    expect(sessionPatchSchema.safeParse({ kwh: 2, last_updated: '2026-11-25T10:06:00Z' }).success).toBe(true);
    expect(sessionPatchSchema.safeParse({ kwh: 2 }).success).toBe(false);
  });

  it('reads ChargingPreferences with departure time, energy need and discharge permission', () => {
    const parsed = chargingPreferencesSchema.parse({ profile_type: 'CHEAP', departure_time: '2026-11-25T17:00:00Z', energy_need: 20.5, discharge_allowed: true });

    expect(parsed).toEqual({ profile_type: 'CHEAP', departure_time: new Date('2026-11-25T17:00:00Z'), energy_need: 20.5, discharge_allowed: true });
  });
});
