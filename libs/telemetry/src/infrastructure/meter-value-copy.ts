import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { StagedMeterValue } from '../application/validate-meter-value-batch';

/** Per-connection staging table; emptied at every commit or rollback (temp tables are unlogged). */
export const CREATE_STAGING_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (
    ord integer NOT NULL,
    session_id uuid NOT NULL,
    measured_at timestamptz NOT NULL,
    power_kw text,
    energy_register_kwh text,
    soc_pct text,
    source text NOT NULL,
    evse_max_power_kw text,
    malformed_number boolean NOT NULL,
    power_source text NOT NULL,
    energy_source text NOT NULL
  ) ON COMMIT DELETE ROWS`;

const COPY_STAGING_SQL =
  'COPY telemetry_staging (ord, session_id, measured_at, power_kw, energy_register_kwh, soc_pct, source, evse_max_power_kw, malformed_number, power_source, energy_source) FROM STDIN';

// About 64 KB per chunk: big enough to keep stream overhead low, small enough to stay bounded.
const ROWS_PER_CHUNK = 800;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* copyChunks(rows: readonly StagedMeterValue[]): Generator<string> {
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    let chunk = '';
    const end = Math.min(rows.length, start + ROWS_PER_CHUNK);
    for (let ord = start; ord < end; ord += 1) {
      const row = rows[ord]!;
      chunk += `${ord}\t${row.sessionId}\t${row.measuredAt}\t${copyField(row.powerKw)}\t${copyField(row.energyRegisterKwh)}\t${copyField(row.socPct)}\t${row.source}\t${copyField(row.evseMaxPowerKw)}\t${row.malformedNumber ? 't' : 'f'}\t${row.powerSource}\t${row.energySource}\n`;
    }
    yield chunk;
  }
}

/** Streams the rows into `telemetry_staging` on `client` (inside the caller's transaction). */
export async function copyIntoStaging(client: PoolClient, rows: readonly StagedMeterValue[]): Promise<void> {
  await pipeline(Readable.from(copyChunks(rows)), client.query(copyFrom(COPY_STAGING_SQL)));
}
