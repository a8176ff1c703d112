import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import type { ImportedSession } from '@vpp/fleet';
import type { DayAheadPriceSeries } from '@vpp/markets';
import type { DeliveryDay } from '@vpp/units';
import { ledgerFigures, mobilityFigures, optimisedCost, type CostFigures, type LedgerFigures, type MobilityFigures } from './outcome-figures';
import type { Progress } from './progress';
import { downloadReports } from './reports-stage';
import { runSettlement } from './settlement-stage';
import type { Parties } from './seed-parties';
import type { SimulatedClock } from './sim-clock';
import { notRun, runStage, type StageResult } from './stage-result';

export interface SettledDay {
  readonly stages: { readonly settlement: StageResult; readonly reports: StageResult; readonly outcome_figures: StageResult };
  readonly ledger: LedgerFigures | null;
  readonly mobility: MobilityFigures | null;
  readonly cost: CostFigures | null;
  readonly reports: string[];
  readonly derived: string[];
}

export interface SettleDayInput {
  readonly app: NestFastifyApplication;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  readonly clock: SimulatedClock;
  readonly progress: Progress;
  readonly parties: Parties;
  readonly portfolioId: string;
  readonly day: DeliveryDay;
  readonly prices: { readonly series: DayAheadPriceSeries; readonly path: string; readonly derived: string | null };
  readonly imbalancePath: string;
  readonly sessions: readonly ImportedSession[];
  readonly baseUrl: string;
  readonly outDir: string;
  /** The demo's TELEMETRY_RETENTION_MONTHS, so the past day's meter values are not quarantined as too old. */
  readonly retentionMonths: number;
}

/**
 * After the simulated day: the settlement pipeline runs the day (settlement-stage.ts), the parties
 * download their reports (reports-stage.ts) and the summary's settled figures are read from the
 * DB (outcome-figures.ts). A stage that fails is recorded as failed with its error, and the
 * figures that rest on it stay null.
 */
export async function settleDay(input: SettleDayInput): Promise<SettledDay> {
  const { app, dataSource, config, clock, progress, parties, portfolioId, day } = input;
  const settled = await runStage(() => runSettlement(app, input.baseUrl, dataSource, config, clock, parties, portfolioId, day, input.prices, input.imbalancePath));
  const { derived: settledLines, ...counts } = settled.value ?? { derived: [] };
  const derived = [...settledLines];
  const settlement: StageResult = settled.result ?? {
    status: 'ran',
    ...counts,
    telemetryRetentionMonths: input.retentionMonths,
    note: `the demo runs with TELEMETRY_RETENTION_MONTHS=${input.retentionMonths} so meter values of ${day.isoDate} are not quarantined as older than retention; the pipeline's jobs ran on the platform's own settlement workers, enqueued by its scheduler's tick at the simulated close`,
  };
  progress.stage(
    'settlement',
    settled.error ?? `${settled.value?.statements} statements, ${settled.value?.ledgerEntries} ledger entries; meter basis ${JSON.stringify(settled.value?.meterSessions)} (${settled.value?.meterValues} meter values)`,
  );
  if (settled.value === null) {
    const why = `settlement failed: ${settled.error}`;
    return { stages: { settlement, reports: notRun(why), outcome_figures: notRun(why) }, ledger: null, mobility: null, cost: null, reports: [], derived };
  }

  const downloaded = await runStage(() => downloadReports(input.baseUrl, dataSource, parties, day, input.outDir));
  const reports: StageResult = downloaded.result ?? { status: 'ran', ...downloaded.value, files: downloaded.value?.files.length };
  progress.stage('reports', downloaded.error ?? `${downloaded.value?.files.length} files; tenant isolation ${JSON.stringify(downloaded.value?.tenantIsolation.map((t) => t.status))}`);

  const figures = await runStage(async () => ({
    ledger: await ledgerFigures(dataSource, portfolioId, day),
    mobility: await mobilityFigures(dataSource, portfolioId, day, input.sessions),
    cost: await optimisedCost(dataSource, portfolioId, day),
  }));
  const outcome: StageResult = figures.result ?? {
    status: 'ran',
    allocationTotalEur: figures.value?.ledger.allocationTotalEur,
    statementsNotReconciling: figures.value?.ledger.statementsNotReconciling,
    deliveredMwh: 'per product, the MWh of the issued statements\' delivery lines: day-ahead the energy bought (day-ahead-saving lines), aFRR the activated energy delivered per direction, IDCONS and UFTP the energy delivered on the orders',
    mobility: figures.value?.mobility,
    optimisedCost: figures.value?.cost,
  };
  if (figures.value) derived.push(`optimised cost basis: ${figures.value.cost.basis}`);
  progress.stage('figures', figures.error ?? `ledger ${figures.value?.ledger.ledgerTotalEur} EUR, reconciles ${figures.value?.ledger.reconciles}; need met ${figures.value?.mobility.needMet}/${figures.value?.mobility.sessions}`);
  return {
    stages: { settlement, reports, outcome_figures: outcome },
    ledger: figures.value?.ledger ?? null,
    mobility: figures.value?.mobility ?? null,
    cost: figures.value?.cost ?? null,
    reports: downloaded.value?.files ?? [],
    derived,
  };
}

/** Months of telemetry retention that keep meter values of `day` (and the day before) acceptable now; at most the config's 120. */
export function retentionMonthsFor(day: DeliveryDay, now: Date): number {
  const months = (now.getUTCFullYear() - day.start.getUTCFullYear()) * 12 + (now.getUTCMonth() - day.start.getUTCMonth()) + 2;
  return Math.min(120, Math.max(13, months));
}
