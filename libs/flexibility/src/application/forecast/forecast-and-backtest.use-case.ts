import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryDay } from '@vpp/units';

import {
  BacktestResult,
  ForecastOptions,
  SessionForecast,
  backtestSessionForecast,
  defaultForecastKnownAt,
  forecastSessions,
} from '../../domain/forecast';
import { ForecastRepository, StoredForecast } from '../../infrastructure/forecast/forecast.repository';
import { HistoryScope, loadHistoricalSessions } from '../../infrastructure/forecast/historical-sessions.query';

export interface ForecastAndBacktestCommand {
  readonly scope: HistoryScope;
  readonly deliveryDay: DeliveryDay;
  /** Default: D-1 12:00 Europe/Amsterdam (day-ahead gate closure). Nothing arriving later is read. */
  readonly knownAt?: Date;
  readonly holdoutWeeks?: number;
  readonly lookbackWeeks?: number;
  readonly options?: Partial<ForecastOptions>;
  /** Stored as created_at / computed_at; default the wall clock. */
  readonly now?: Date;
}

export interface ForecastAndBacktestReport {
  readonly forecast: SessionForecast;
  readonly stored: StoredForecast;
  readonly backtest: BacktestResult;
  readonly backtestMetricsStored: number;
  readonly historySessions: number;
}

/**
 * Forecasts a scope's sessions for a delivery day from the sessions table (imported history and
 * finished live sessions), backtests the same method on the last held-back weeks of that
 * history, and stores both in one transaction. Safe to re-run: the forecast is keyed by scope,
 * day, method and known_at, the backtest metrics by run, so nothing is duplicated.
 */
@Injectable()
export class ForecastAndBacktestUseCase {
  private readonly repository = new ForecastRepository();

  constructor(private readonly dataSource: DataSource) {}

  async execute(command: ForecastAndBacktestCommand): Promise<ForecastAndBacktestReport> {
    const knownAt = command.knownAt ?? defaultForecastKnownAt(command.deliveryDay);
    const { history, maxPowerFromEvse } = await loadHistoricalSessions(this.dataSource.manager, command.scope, knownAt);
    const assumptions =
      maxPowerFromEvse === 0 ? [] : [`max power assumed: ${maxPowerFromEvse} of ${history.length} sessions have none recorded; their EVSE's rating stands in`];
    const scope = { kind: command.scope.kind, id: command.scope.id };
    const common = { scope, history, lookbackWeeks: command.lookbackWeeks, options: command.options, assumptions };
    const forecast = forecastSessions({ ...common, deliveryDay: command.deliveryDay, knownAt });
    const backtest = backtestSessionForecast({ ...common, holdoutWeeks: command.holdoutWeeks });
    const now = command.now ?? new Date();
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.repository.saveForecast(manager, forecast, now);
      const backtestMetricsStored = await this.repository.saveBacktest(manager, backtest, now);
      return { forecast, stored, backtest, backtestMetricsStored, historySessions: history.length };
    });
  }
}
