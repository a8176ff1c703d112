import type { EntityManager } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import { ForecastError, forecastMembers, type ForecastMember } from '../../domain/forecast';
import type { ForecastAndBacktestUseCase } from '../forecast/forecast-and-backtest.use-case';
import type { PlanForecast } from './plan-inputs';

interface CohortRow {
  forecast_id: string;
  known_at: Date;
  assumptions: string[];
  isp_number: number;
  expected_arrivals: number;
  energy_need_p10: number;
  energy_need_p50: number;
  energy_need_p90: number;
  max_power_kw: number;
  arrival_at: Date;
  expected_departure_at: Date;
  p10_departure_at: Date;
}

/**
 * The latest site forecast for the day stored with known_at <= the plan's, as planning members.
 * Statistics, so float8 (as the forecast tables themselves say).
 */
export async function storedSiteForecast(manager: EntityManager, siteId: string, day: DeliveryDay, knownAt: Date): Promise<PlanForecast | null> {
  const rows: CohortRow[] = await manager.query(
    `WITH latest AS (
       SELECT id, known_at, assumptions FROM session_forecasts
        WHERE scope_kind = 'site' AND scope_id = $1 AND delivery_day = $2 AND known_at <= $3
        ORDER BY known_at DESC, created_at DESC LIMIT 1)
     SELECT latest.id AS forecast_id, latest.known_at, latest.assumptions, c.isp_number, c.expected_arrivals::float8 AS expected_arrivals,
            c.energy_need_kwh_p10::float8 AS energy_need_p10, c.energy_need_kwh_p50::float8 AS energy_need_p50, c.energy_need_kwh_p90::float8 AS energy_need_p90,
            c.max_power_kw::float8 AS max_power_kw, c.arrival_at, c.expected_departure_at, c.p10_departure_at
       FROM latest JOIN session_forecast_cohorts c ON c.forecast_id = latest.id
      ORDER BY c.isp_number`,
    [siteId, day.isoDate, knownAt],
  );
  if (rows.length === 0) return null;
  const members: ForecastMember[] = rows
    .filter((r) => r.expected_arrivals > 0)
    .map((r) => ({
      memberId: `site:${siteId}:${day.isoDate}:${r.isp_number}`,
      ispNumber: r.isp_number,
      weight: r.expected_arrivals,
      arrival: r.arrival_at,
      expectedDeparture: r.expected_departure_at,
      p10Departure: r.p10_departure_at,
      energyNeedKwh: { p10: r.energy_need_p10, p50: r.energy_need_p50, p90: r.energy_need_p90 },
      maxPowerKw: r.max_power_kw,
    }));
  return { siteId, forecastId: rows[0].forecast_id, source: 'stored', knownAt: rows[0].known_at, members, assumptions: rows[0].assumptions };
}

/**
 * Forecast members per site: the stored forecast known at the plan's known_at, else one computed
 * now from the site's history (and stored, by the forecast use case). A site without history is
 * planned without arrivals, and the note says so.
 */
export async function planForecasts(
  manager: EntityManager,
  forecaster: ForecastAndBacktestUseCase | undefined,
  siteIds: readonly string[],
  day: DeliveryDay,
  knownAt: Date,
): Promise<{ forecasts: PlanForecast[]; notes: string[] }> {
  const forecasts: PlanForecast[] = [];
  const notes: string[] = [];
  for (const siteId of siteIds) {
    const stored = await storedSiteForecast(manager, siteId, day, knownAt);
    if (stored) {
      forecasts.push(stored);
      continue;
    }
    if (!forecaster) {
      notes.push(`site ${siteId}: no stored forecast known at ${knownAt.toISOString()}; planned without arrivals`);
      continue;
    }
    try {
      const report = await forecaster.execute({ scope: { kind: 'site', id: siteId }, deliveryDay: day, knownAt });
      forecasts.push({
        siteId,
        forecastId: report.stored.id,
        source: 'computed',
        knownAt,
        members: forecastMembers(report.forecast),
        assumptions: report.forecast.assumptions,
      });
    } catch (error) {
      if (!(error instanceof ForecastError)) throw error;
      notes.push(`site ${siteId}: no forecast (${error.message}); planned without arrivals`);
    }
  }
  return { forecasts, notes };
}
