import { ENERGY_SOURCES, EnergySource, MeterValueInput, POWER_SOURCES, PowerSource, TELEMETRY_SOURCES, TelemetrySource } from '../domain/meter-value-input';
import { BatchProblem, TelemetryBatchInvalidError } from '../domain/telemetry.errors';

/** A row that passed the edge check: keyed, stageable; its decimal text is checked in SQL. */
export interface StagedMeterValue {
  readonly sessionId: string;
  readonly measuredAt: string;
  /** UTC milliseconds of `measuredAt`, for choosing partitions. */
  readonly measuredAtMs: number;
  readonly powerKw: string;
  readonly energyRegisterKwh: string;
  readonly socPct: string | null;
  readonly source: TelemetrySource;
  readonly evseMaxPowerKw: string | null;
  readonly powerSource: PowerSource;
  readonly energySource: EnergySource;
  /** A quantity is not a plain decimal that fits its column: the row is quarantined, not stored. */
  readonly malformedNumber: boolean;
}

/** One call stays one transaction of bounded size; adapters split bigger uploads. */
export const MAX_BATCH_ROWS = 100_000;
// Longer "numbers" are not meter readings; refusing them keeps the quarantine table sane.
const MAX_NUMBER_TEXT = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An instant with an explicit offset: a local time without one is ambiguous (twice a year in NL).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const SOURCES = new Set<string>(TELEMETRY_SOURCES);
const POWER_SOURCE_SET = new Set<string>(POWER_SOURCES);
const ENERGY_SOURCE_SET = new Set<string>(ENERGY_SOURCES);
// Plain decimals with at most one digit fewer than the column allows before the point (so rounding
// cannot overflow it) and at most 20 after. Checked here, per row, because a pattern costs
// PostgreSQL about 1 µs per call and JS a few ns; the SQL only reads the flag.
const SIGNED_POWER = /^-?[0-9]{1,10}(\.[0-9]{1,20})?$/;
const ENERGY_REGISTER = /^[0-9]{1,12}(\.[0-9]{1,20})?$/;
const SIGNED_SOC = /^-?[0-9]{1,6}(\.[0-9]{1,20})?$/;
const POWER_LIMIT = /^[0-9]{1,10}(\.[0-9]{1,20})?$/;

/**
 * The edge check of `ingestMeterValues`, hand-written rather than a zod schema because it runs
 * on every row of the hot path. Collects every problem, then rejects the whole batch, so a
 * caller never gets half a batch stored.
 */
export function validateMeterValueBatch(batch: unknown): StagedMeterValue[] {
  if (!Array.isArray(batch)) throw new TelemetryBatchInvalidError([{ index: -1, field: 'batch', message: 'must be an array' }]);
  if (batch.length > MAX_BATCH_ROWS) {
    throw new TelemetryBatchInvalidError([{ index: -1, field: 'batch', message: `more than ${MAX_BATCH_ROWS} rows` }]);
  }
  const problems: BatchProblem[] = [];
  const rows: StagedMeterValue[] = new Array<StagedMeterValue>(batch.length);
  for (let index = 0; index < batch.length; index += 1) {
    const row = stageRow(batch[index], index, problems);
    if (row !== null) rows[index] = row;
  }
  if (problems.length > 0) throw new TelemetryBatchInvalidError(problems);
  return rows;
}

function stageRow(value: unknown, index: number, problems: BatchProblem[]): StagedMeterValue | null {
  if (typeof value !== 'object' || value === null) {
    problems.push({ index, field: 'row', message: 'must be an object' });
    return null;
  }
  const row = value as Partial<Record<keyof MeterValueInput, unknown>>;
  const before = problems.length;
  const sessionId = row.sessionId;
  if (typeof sessionId !== 'string' || !UUID.test(sessionId)) problems.push({ index, field: 'sessionId', message: 'must be a uuid' });
  const measuredAt = row.measuredAt;
  const measuredAtMs = typeof measuredAt === 'string' && INSTANT.test(measuredAt) && isCalendarDate(measuredAt) ? Date.parse(measuredAt) : Number.NaN;
  if (Number.isNaN(measuredAtMs)) problems.push({ index, field: 'measuredAt', message: 'must be an ISO-8601 instant with Z or an offset' });
  if (typeof row.source !== 'string' || !SOURCES.has(row.source)) {
    problems.push({ index, field: 'source', message: `must be one of ${TELEMETRY_SOURCES.join(', ')}` });
  }
  if (row.powerSource !== undefined && (typeof row.powerSource !== 'string' || !POWER_SOURCE_SET.has(row.powerSource))) {
    problems.push({ index, field: 'powerSource', message: `must be one of ${POWER_SOURCES.join(', ')}` });
  }
  if (row.energySource !== undefined && (typeof row.energySource !== 'string' || !ENERGY_SOURCE_SET.has(row.energySource))) {
    problems.push({ index, field: 'energySource', message: `must be one of ${ENERGY_SOURCES.join(', ')}` });
  }
  const powerKw = numberText(row.powerKw, 'powerKw', false, index, problems);
  const energyRegisterKwh = numberText(row.energyRegisterKwh, 'energyRegisterKwh', false, index, problems);
  const socPct = numberText(row.socPct, 'socPct', true, index, problems);
  const evseMaxPowerKw = numberText(row.evseMaxPowerKw, 'evseMaxPowerKw', true, index, problems);
  if (problems.length > before) return null;
  return {
    sessionId: (sessionId as string).toLowerCase(),
    measuredAt: measuredAt as string,
    measuredAtMs,
    powerKw: powerKw as string,
    energyRegisterKwh: energyRegisterKwh as string,
    socPct,
    source: row.source as TelemetrySource,
    evseMaxPowerKw,
    powerSource: (row.powerSource as PowerSource | undefined) ?? 'measured',
    energySource: (row.energySource as EnergySource | undefined) ?? 'measured',
    malformedNumber:
      !SIGNED_POWER.test(powerKw as string) ||
      !ENERGY_REGISTER.test(energyRegisterKwh as string) ||
      (socPct !== null && !SIGNED_SOC.test(socPct)) ||
      (evseMaxPowerKw !== null && !POWER_LIMIT.test(evseMaxPowerKw)),
  };
}

function numberText(value: unknown, field: string, optional: boolean, index: number, problems: BatchProblem[]): string | null {
  if (value === undefined || value === null) {
    if (!optional) problems.push({ index, field, message: 'is required' });
    return null;
  }
  if (typeof value !== 'string') {
    // A JS number has already been through float64: refuse it rather than guess its decimals.
    problems.push({ index, field, message: `must be a decimal string, got ${typeof value}` });
    return null;
  }
  if (value.length > MAX_NUMBER_TEXT) {
    problems.push({ index, field, message: `longer than ${MAX_NUMBER_TEXT} characters` });
    return null;
  }
  return value;
}

// Date.parse rolls 2025-02-30 over into March; PostgreSQL would reject it and fail the whole COPY.
function isCalendarDate(instant: string): boolean {
  const year = Number.parseInt(instant.slice(0, 4), 10);
  const month = Number.parseInt(instant.slice(5, 7), 10);
  const day = Number.parseInt(instant.slice(8, 10), 10);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
