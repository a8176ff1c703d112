import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MeterValueInput, TelemetrySettings } from '@vpp/telemetry';

/** The test clock: every telemetry test runs "now" at this instant, so cut-offs are fixed. */
export const TEST_NOW = new Date('2026-06-01T12:00:00Z');

export const TEST_SETTINGS: TelemetrySettings = {
  retentionMonths: 13,
  clockSkewSeconds: 120,
  powerLimitMarginPct: 10,
  neighbourWindowHours: 72,
  partitionsAheadDays: 7,
};

/** A meter value builder: a fresh session unless one is given. */
export function aMeterValue(overrides: Partial<MeterValueInput> = {}): MeterValueInput {
  return {
    sessionId: randomUUID(),
    measuredAt: '2026-05-20T10:00:00Z',
    powerKw: '7.400',
    energyRegisterKwh: '100.000',
    socPct: '50',
    source: 'ocpp',
    ...overrides,
  };
}

export async function storedRegisters(dataSource: DataSource, sessionId: string): Promise<string[]> {
  const rows: { measured_at: Date; energy_register_kwh: string }[] = await dataSource.query(
    'SELECT measured_at, energy_register_kwh FROM meter_values WHERE session_id = $1 ORDER BY measured_at',
    [sessionId],
  );
  return rows.map((row) => `${row.measured_at.toISOString()} ${row.energy_register_kwh}`);
}

export async function quarantined(dataSource: DataSource, sessionId: string): Promise<{ reason: string; power_kw_raw: string; energy_register_kwh_raw: string }[]> {
  return dataSource.query(
    'SELECT reason, power_kw_raw, energy_register_kwh_raw FROM meter_value_quarantine WHERE session_id = $1 ORDER BY measured_at, reason',
    [sessionId],
  );
}
