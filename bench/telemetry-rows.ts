import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readElaadNlSessions } from '@vpp/fleet/infrastructure/import/elaadnl-sessions.reader';
import type { MeterValueInput } from '@vpp/telemetry';

interface SessionShape {
  readonly arrivalMs: number;
  readonly chargeMs: number;
  readonly energyWh: number;
  readonly powerKw: string;
}

const MS_PER_WEEK = 7 * 86_400_000;
export const TELEMETRY_ROWS_SOURCE = 'ev-sessions-elaadnl-2019-01-to-09.csv';

/**
 * Real-data-shaped meter values: each synthetic session copies a real ElaadNL session's arrival,
 * energy and observed max power and charges uncontrolled (at that power from arrival until the
 * energy is in, capped at departure). The values themselves are DERIVED, not measured. Times are
 * shifted by whole weeks so the last departure lies before `now` (within retention).
 */
export class TelemetryRowSource {
  private readonly shapes: SessionShape[];
  private readonly shiftMs: number;

  constructor(dataDir: string, now: Date) {
    const imported = readElaadNlSessions(join(dataDir, TELEMETRY_ROWS_SOURCE)).sessions;
    this.shapes = imported.map((s) => {
      const energyWh = Number.parseInt(s.energy.value.times(1000).toFixed(0), 10);
      const powerKw = (s.maxPower?.value ?? s.energy.value).toFixed(3);
      const powerW = Number.parseInt((s.maxPower?.value ?? s.energy.value).times(1000).toFixed(0), 10);
      const dwellMs = s.departure.getTime() - s.arrival.getTime();
      const chargeMs = powerW > 0 ? Math.min(dwellMs, Math.ceil((energyWh / powerW) * 3_600_000)) : dwellMs;
      return { arrivalMs: s.arrival.getTime(), chargeMs: Math.max(chargeMs, 60_000), energyWh, powerKw };
    });
    const lastMs = Math.max(...this.shapes.map((s) => s.arrivalMs + s.chargeMs));
    this.shiftMs = Math.floor((now.getTime() - 86_400_000 - lastMs) / MS_PER_WEEK) * MS_PER_WEEK;
  }

  get realSessions(): number {
    return this.shapes.length;
  }

  /** The rows of `count` sessions starting at session number `first`, in time order. */
  batch(first: number, count: number, rowsPerSession: number): MeterValueInput[] {
    const rows: MeterValueInput[] = [];
    for (let n = first; n < first + count; n += 1) {
      const shape = this.shapes[n % this.shapes.length]!;
      const sessionId = randomUUID();
      for (let j = 0; j < rowsPerSession; j += 1) {
        const atMs = shape.arrivalMs + this.shiftMs + Math.floor((shape.chargeMs * j) / Math.max(1, rowsPerSession - 1));
        const wh = Math.floor((shape.energyWh * j) / Math.max(1, rowsPerSession - 1));
        rows.push({
          sessionId,
          measuredAt: new Date(atMs).toISOString(),
          powerKw: j === rowsPerSession - 1 ? '0.000' : shape.powerKw,
          energyRegisterKwh: `${Math.floor(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`,
          socPct: null,
          source: 'ocpi',
          evseMaxPowerKw: '22',
        });
      }
    }
    return rows.sort((a, b) => (a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : 0));
  }
}
