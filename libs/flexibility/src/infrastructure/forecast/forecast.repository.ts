import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Decimal } from '@vpp/units';

import type { BacktestResult, SessionForecast } from '../../domain/forecast';
import { ForecastBacktestResultEntity } from './forecast-backtest-result.entity';
import { statDecimal } from './forecast-numeric';
import { SessionForecastCohortEntity } from './session-forecast-cohort.entity';
import { SessionForecastEntity } from './session-forecast.entity';

export interface StoredForecast {
  readonly id: string;
  /** False when the same scope, day, method and known_at was stored before (nothing written). */
  readonly created: boolean;
}

const power = (kw: number): Decimal => statDecimal(kw, 3);

/**
 * Writes forecasts and backtest results. Idempotent by unique constraints, not by reading first:
 * the same forecast (scope, day, method, version, known_at) is inserted once, whoever races; the
 * same backtest metric is updated in place.
 */
export class ForecastRepository {
  async saveForecast(manager: EntityManager, forecast: SessionForecast, createdAt: Date): Promise<StoredForecast> {
    const id = randomUUID();
    const f = forecast;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SessionForecastEntity)
      .values({
        id,
        scopeKind: f.scope.kind,
        scopeId: f.scope.id,
        deliveryDay: f.deliveryDay,
        method: f.method,
        methodVersion: f.version,
        trainedFrom: f.trainedFrom,
        trainedTo: f.trainedTo,
        knownAt: f.knownAt,
        dayTypeScheme: f.dayTypeScheme,
        dayType: f.dayType,
        historyDays: f.historyDays,
        ispCount: f.ispCount,
        expectedArrivalsPerDay: statDecimal(f.expectedArrivalsPerDay),
        arrivalsPerDayP10: statDecimal(f.arrivalsPerDay.p10),
        arrivalsPerDayP50: statDecimal(f.arrivalsPerDay.p50),
        arrivalsPerDayP90: statDecimal(f.arrivalsPerDay.p90),
        expectedEnergyKwhPerDay: statDecimal(f.expectedEnergyKwhPerDay),
        energyKwhPerDayP10: statDecimal(f.energyKwhPerDay.p10),
        energyKwhPerDayP50: statDecimal(f.energyKwhPerDay.p50),
        energyKwhPerDayP90: statDecimal(f.energyKwhPerDay.p90),
        assumptions: [...f.assumptions],
        createdAt,
      })
      .orIgnore()
      .returning('id')
      .execute();
    if (inserted.raw.length === 0) {
      const existing = await manager.findOneOrFail(SessionForecastEntity, {
        select: { id: true },
        where: { scopeKind: f.scope.kind, scopeId: f.scope.id, deliveryDay: f.deliveryDay, method: f.method, methodVersion: f.version, knownAt: f.knownAt },
      });
      return { id: existing.id, created: false };
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(SessionForecastCohortEntity)
      .values(
        f.cohorts.map((c) => ({
          forecastId: id,
          ispNumber: c.ispNumber,
          ispStart: c.ispStart,
          expectedArrivals: statDecimal(c.expectedArrivals),
          arrivalsP10: statDecimal(c.arrivals.p10),
          arrivalsP50: statDecimal(c.arrivals.p50),
          arrivalsP90: statDecimal(c.arrivals.p90),
          expectedArrivingEnergyKwh: statDecimal(c.expectedArrivingEnergyKwh),
          arrivingEnergyKwhP10: statDecimal(c.arrivingEnergyKwh.p10),
          arrivingEnergyKwhP50: statDecimal(c.arrivingEnergyKwh.p50),
          arrivingEnergyKwhP90: statDecimal(c.arrivingEnergyKwh.p90),
          dwellHoursP10: statDecimal(c.dwellHours.p10),
          dwellHoursP50: statDecimal(c.dwellHours.p50),
          dwellHoursP90: statDecimal(c.dwellHours.p90),
          energyNeedKwhP10: statDecimal(c.energyNeedKwh.p10),
          energyNeedKwhP50: statDecimal(c.energyNeedKwh.p50),
          energyNeedKwhP90: statDecimal(c.energyNeedKwh.p90),
          maxPowerKw: power(c.maxPowerKw),
          arrivalAt: c.arrival,
          expectedDepartureAt: c.expectedDeparture,
          p10DepartureAt: c.p10Departure,
          sampleSessions: c.sampleSessions,
        })),
      )
      .execute();
    return { id, created: true };
  }

  /** One row per metric; a re-run of the same backtest overwrites value, outcomes and computed_at. */
  async saveBacktest(manager: EntityManager, result: BacktestResult, computedAt: Date): Promise<number> {
    if (result.metrics.length === 0) return 0;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ForecastBacktestResultEntity)
      .values(
        result.metrics.map((m) => ({
          id: randomUUID(),
          method: result.method,
          methodVersion: result.version,
          scopeKind: result.scope.kind,
          scopeId: result.scope.id,
          heldBackFrom: result.heldBackFrom,
          heldBackTo: result.heldBackTo,
          trainedFrom: result.trainedFrom,
          trainedTo: result.trainedTo,
          knownAt: result.knownAt,
          series: m.series,
          metric: m.metric,
          quantile: statDecimal(m.quantile, 3),
          value: statDecimal(m.value),
          outcomes: m.outcomes,
          assumptions: [...result.assumptions],
          computedAt,
        })),
      )
      .orUpdate(
        ['value', 'outcomes', 'trained_to', 'known_at', 'assumptions', 'computed_at'],
        ['method', 'method_version', 'scope_kind', 'scope_id', 'held_back_from', 'held_back_to', 'trained_from', 'series', 'metric', 'quantile'],
      )
      .execute();
    return result.metrics.length;
  }
}
