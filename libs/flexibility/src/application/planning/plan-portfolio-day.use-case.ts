import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { Decimal, DeliveryDay, PowerKw, parseDecimal } from '@vpp/units';
import { BaselineRecordError } from '../../domain/baseline-records/baseline-record.errors';
import { LedgerError } from '../../domain/ledger/ledger.errors';
import { dayPrices } from '../../domain/planning/day-prices';
import { ledgerAvailability, type AvailabilityConflict } from '../../domain/planning/ledger-availability';
import { decimalToFloat } from '../../domain/site-services/site-services-mapping';
import { RecordBaselineUseCase } from '../baseline-records/record-baseline.use-case';
import { sessionUncontrolledBaseline } from '../baseline-records/session-baseline';
import { ForecastAndBacktestUseCase } from '../forecast/forecast-and-backtest.use-case';
import { LedgerDayQuery } from '../ledger/ledger-day.query';
import { ReservationLedger } from '../ledger/reservation-ledger';
import { DayAheadPriceBook } from './day-ahead-price-book';
import { loadLiveSessions } from './live-sessions.query';
import type { PlanInputs, PlanLiveSession } from './plan-inputs';
import { planForecasts } from './plan-forecasts';
import { ensurePlanRun, markPlanCompleted, markPlanFailed, savePlan, storedAvailability, type PlanRunRef } from './plan-run.store';
import { planPortfolioDay } from './portfolio-day-planner';
import { loadPlanSites } from './site-plan-inputs.query';

export interface PlanPortfolioDayCommand {
  readonly portfolioId: string;
  readonly deliveryDay: DeliveryDay;
  readonly knownAt: Date;
}

const LEDGER_ATTEMPTS = 3;

/**
 * The plan job's work (issue 4 items 4-7): load the portfolio's sites, live sessions (driver
 * overrides applied) and forecasts as known at `knownAt`, plan the day, store the plan once per
 * (portfolio, day, known_at), then record the sessions' uncontrolled-charging baselines and write
 * the ledger availability from the stored aggregate. Each step is idempotent, so a redelivery
 * after a crash resumes where the last one stopped; a stored plan is never recomputed.
 */
@Injectable()
export class PlanPortfolioDayUseCase {
  private readonly logger = new Logger(PlanPortfolioDayUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ReservationLedger,
    private readonly ledgerDays: LedgerDayQuery,
    private readonly baselines: RecordBaselineUseCase,
    private readonly prices: DayAheadPriceBook,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly forecaster?: ForecastAndBacktestUseCase,
  ) {}

  async execute(command: PlanPortfolioDayCommand, now = new Date()): Promise<PlanRunRef> {
    const { portfolioId, deliveryDay: day, knownAt } = command;
    const run = await ensurePlanRun(this.dataSource.manager, portfolioId, day, knownAt, now);
    if (run.status === 'completed') return run;
    let baselineCounts: Record<string, number> = {};
    if (run.status !== 'planned') {
      try {
        const inputs = await this.loadInputs(command);
        const plan = await planPortfolioDay(inputs);
        baselineCounts = await this.recordBaselines(inputs.sessions, knownAt);
        await this.dataSource.transaction((manager) => savePlan(manager, run.id, day, plan, now));
      } catch (error) {
        await markPlanFailed(this.dataSource.manager, run.id, error instanceof Error ? error.message : String(error), now);
        throw error;
      }
    }
    const conflicts = await this.writeAvailability(portfolioId, day, run.id);
    await markPlanCompleted(this.dataSource.manager, run.id, conflicts, baselineCounts, now);
    if (conflicts.length > 0) this.logger.warn({ msg: 'plan availability below reserved kW; kept at reserved', portfolioId, runId: run.id, cells: conflicts.length });
    return { id: run.id, status: 'completed' };
  }

  private async loadInputs(command: PlanPortfolioDayCommand): Promise<PlanInputs> {
    const { portfolioId, deliveryDay: day, knownAt } = command;
    const manager = this.dataSource.manager;
    const sites = await loadPlanSites(manager, portfolioId, day, knownAt);
    const siteIds = sites.map((site) => site.limits.siteId);
    const sessions = await loadLiveSessions(manager, siteIds, knownAt);
    const { forecasts, notes } = await planForecasts(manager, this.forecaster, siteIds, day, knownAt);
    const marketPrices = dayPrices((isp) => this.prices.priceAt(isp), day, knownAt);
    const prequalified: { product: string; capacity_kw: string }[] = await manager.query(
      `SELECT product, capacity_kw FROM portfolio_prequalifications WHERE portfolio_id = $1`,
      [portfolioId],
    );
    const mw = (product: string): number => {
      const row = prequalified.find((p) => p.product === product);
      return row ? Math.floor(PowerKw.of(parseDecimal(row.capacity_kw)).toFloat64ForOptimisation() / 1000) : 0;
    };
    const capacity = this.config.planning.capacityPricesEurPerMwH;
    const toFloat = (text: string): number => decimalToFloat(new Decimal(text));
    return {
      portfolioId,
      day,
      knownAt,
      sites,
      sessions,
      forecasts,
      forecastNotes: notes,
      marketPrices,
      prequalifiedMw: { fcr: mw('fcr'), afrrUp: mw('afrr_up'), afrrDown: mw('afrr_down') },
      options: {
        reserveConfidence: this.config.planning.reserveConfidence,
        degradationEurPerKwh: this.config.planning.degradationEurPerKwh,
        capacityPrices: { fcr: toFloat(capacity.fcr), afrrUp: toFloat(capacity.afrrUp), afrrDown: toFloat(capacity.afrrDown) },
        capacityPricesNote: `assumed capacity prices for every block: FCR ${capacity.fcr}, aFRR up ${capacity.afrrUp}, aFRR down ${capacity.afrrDown} EUR/MW/h (configuration, no market data yet)`,
      },
    };
  }

  /**
   * The uncontrolled-charging baseline of every plannable live session as known at `knownAt`
   * that has none yet: full power from the later of arrival and known_at with the remaining need.
   * A session with a baseline known earlier keeps it (recorded when its need became known,
   * RecordSessionBaselineUseCase): recomputed at a later plan from the need left after our control,
   * it would no longer say what uncontrolled charging would have done, and its ISPs before the
   * plan would be lost to settlement, which reads the latest record. The first record for a
   * session and known_at stays the truth: a recomputation with other values is counted, not stored.
   */
  private async recordBaselines(sessions: readonly PlanLiveSession[], knownAt: Date): Promise<Record<string, number>> {
    const counts = { recorded: 0, alreadyRecorded: 0, keptFirst: 0, knownEarlier: 0 };
    const earlier: { session_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT session_id FROM baseline_records WHERE session_id = ANY($1::uuid[]) AND known_at < $2`,
      [sessions.map((s) => s.sessionId), knownAt],
    );
    const hasEarlier = new Set(earlier.map((row) => row.session_id));
    for (const s of sessions) {
      if (hasEarlier.has(s.sessionId)) {
        counts.knownEarlier += 1;
        continue;
      }
      const baseline = sessionUncontrolledBaseline(s, knownAt);
      if (baseline === null) continue;
      try {
        const result = await this.baselines.execute({ type: 'session', sessionId: s.sessionId }, baseline);
        if (result.created) counts.recorded += 1;
        else counts.alreadyRecorded += 1;
      } catch (error) {
        if (!(error instanceof BaselineRecordError)) throw error;
        counts.keptFirst += 1;
      }
    }
    return counts;
  }

  /** Ledger availability from the stored aggregate; a concurrent reservation between read and write is retried. */
  private async writeAvailability(portfolioId: string, day: DeliveryDay, runId: string): Promise<AvailabilityConflict[]> {
    const stored = await storedAvailability(this.dataSource.manager, runId);
    for (let attempt = 1; ; attempt += 1) {
      const ledgerDay = await this.ledgerDays.view(portfolioId, day);
      const reservedAt = new Map(ledgerDay.isps.map((isp) => [new Date(isp.start).getTime(), isp]));
      const { entries, conflicts } = ledgerAvailability(
        stored.flatMap((row) => {
          const cell = reservedAt.get(row.isp_start.getTime());
          return [
            { ispStart: row.isp_start, direction: 'up' as const, plannedKw: parseDecimal(row.up_available_kw), reservedKw: parseDecimal(cell?.up.reservedKw ?? '0') },
            { ispStart: row.isp_start, direction: 'down' as const, plannedKw: parseDecimal(row.down_available_kw), reservedKw: parseDecimal(cell?.down.reservedKw ?? '0') },
          ];
        }),
      );
      try {
        await this.ledger.setAvailability(portfolioId, entries);
        return conflicts;
      } catch (error) {
        if (!(error instanceof LedgerError) || error.code !== 'LEDGER_AVAILABLE_BELOW_RESERVED' || attempt >= LEDGER_ATTEMPTS) throw error;
      }
    }
  }
}
