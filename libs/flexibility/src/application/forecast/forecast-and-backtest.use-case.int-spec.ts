import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditLogRepository } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, ImportSessionsUseCase } from '@vpp/fleet';
import { createDataSource } from '@vpp/persistence';
import { DeliveryDay } from '@vpp/units';

import { ForecastAndBacktestUseCase } from './forecast-and-backtest.use-case';

/**
 * Six weeks of weekday sessions at one site, in the canonical layout, imported through the real
 * importer: weekday k of the run gets 1 + (k mod 3) EVs from 07:00 UTC, 8 h and more, 10 kWh and more.
 */
function writeHistory(dir: string): string {
  const lines = ['session_id,site_id,arrival_utc,departure_utc,energy_kwh,max_power_kw'];
  let k = 0;
  for (let day = DeliveryDay.of('2024-05-06'); day.compare(DeliveryDay.of('2024-06-14')) <= 0; day = day.next()) {
    const weekday = new Date(day.start.getTime() + 12 * 3_600_000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let j = 0; j < 1 + (k % 3); j += 1) {
      const arrival = new Date(Date.parse(`${day.isoDate}T07:00:00Z`) + j * 10 * 60_000);
      const departure = new Date(arrival.getTime() + (8 + j) * 3_600_000);
      lines.push(`s-${day.isoDate}-${j},depot-1,${arrival.toISOString()},${departure.toISOString()},${10 + 5 * j},11`);
    }
    k += 1;
  }
  const path = join(dir, 'history.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe(ForecastAndBacktestUseCase.name, () => {
  let dataSource: DataSource;
  let sut: ForecastAndBacktestUseCase;
  let fleetId: string;
  let siteId: string;
  const deliveryDay = DeliveryDay.of('2024-06-18');

  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const rows: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return rows[0].n;
  };
  const forecastsOf = (scopeId: string) => count(`session_forecasts WHERE scope_id = $1`, [scopeId]);
  const cohortsOf = (scopeId: string) => count(`session_forecast_cohorts c JOIN session_forecasts f ON f.id = c.forecast_id WHERE f.scope_id = $1`, [scopeId]);
  const backtestRowsOf = (scopeId: string) => count(`forecast_backtest_results WHERE scope_id = $1`, [scopeId]);

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 4 });
    await dataSource.initialize();
    const organisationId = randomUUID();
    await dataSource.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'fleet_owner', 'NL', now())`, [organisationId, `forecast-test-${organisationId}`]);
    const importer = new ImportSessionsUseCase(dataSource, new EnsureFleetUseCase(), new AuditLogRepository(dataSource));
    const report = await importer.execute({ path: writeHistory(mkdtempSync(join(tmpdir(), 'forecast-'))), organisationId, fleetName: 'forecast test', pseudonymise: (raw) => raw });
    expect(report.imported).toBe(60);
    fleetId = report.fleetId;
    const sites: { site_id: string }[] = await dataSource.query(`SELECT DISTINCT e.site_id FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE s.fleet_id = $1`, [fleetId]);
    siteId = sites[0].site_id;
    sut = new ForecastAndBacktestUseCase(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores a fleet forecast with one cohort per ISP and its backtest, read back exactly', async () => {
    const report = await sut.execute({ scope: { kind: 'fleet', id: fleetId }, deliveryDay, holdoutWeeks: 2 });

    expect(report.historySessions).toBe(60);
    expect(report.stored.created).toBe(true);
    expect(report.forecast.knownAt.toISOString()).toBe('2024-06-17T10:00:00.000Z');
    expect(await cohortsOf(fleetId)).toBe(96);
    expect(report.backtestMetricsStored).toBe(report.backtest.metrics.length);
    expect(await backtestRowsOf(fleetId)).toBe(report.backtest.metrics.length);
    const [row]: { expected: string; p10_departure_at: Date; expected_departure_at: Date }[] = await dataSource.query(
      `SELECT f.expected_arrivals_per_day AS expected, c.p10_departure_at, c.expected_departure_at
         FROM session_forecasts f JOIN session_forecast_cohorts c ON c.forecast_id = f.id AND c.isp_number = 37
        WHERE f.id = $1`,
      [report.stored.id],
    );
    expect(row.expected).toBe(report.forecast.expectedArrivalsPerDay.toFixed(6));
    expect(row.p10_departure_at.getTime()).toBeLessThanOrEqual(row.expected_departure_at.getTime());
    const [wape]: { value: string }[] = await dataSource.query(
      `SELECT value FROM forecast_backtest_results WHERE scope_id = $1 AND series = 'arrivals_per_day' AND metric = 'wape' AND quantile = 0.5`,
      [fleetId],
    );
    const expectedWape = report.backtest.metrics.find((m) => m.series === 'arrivals_per_day' && m.metric === 'wape' && m.quantile === 0.5);
    expect(wape.value).toBe(expectedWape?.value.toFixed(6));
  });

  it('is idempotent: the same scope, day and known_at again writes nothing new', async () => {
    const first = await sut.execute({ scope: { kind: 'site', id: siteId }, deliveryDay, holdoutWeeks: 2 });
    const rows = { forecasts: await forecastsOf(siteId), cohorts: await cohortsOf(siteId), backtest: await backtestRowsOf(siteId) };
    const second = await sut.execute({ scope: { kind: 'site', id: siteId }, deliveryDay, holdoutWeeks: 2 });

    expect(second.stored).toEqual({ id: first.stored.id, created: false });
    expect({ forecasts: await forecastsOf(siteId), cohorts: await cohortsOf(siteId), backtest: await backtestRowsOf(siteId) }).toEqual(rows);
    expect(rows).toEqual({ forecasts: 1, cohorts: 96, backtest: first.backtest.metrics.length });
  });

  it('keeps one forecast when the same run races, and a new one for a later known_at', async () => {
    const knownAt = new Date('2024-06-17T11:00:00Z');
    const before = await forecastsOf(fleetId);
    const raced = await Promise.all([1, 2, 3].map(() => sut.execute({ scope: { kind: 'fleet', id: fleetId }, deliveryDay, knownAt, holdoutWeeks: 2 })));

    expect(new Set(raced.map((r) => r.stored.id)).size).toBe(1);
    expect(raced.filter((r) => r.stored.created)).toHaveLength(1);
    expect(await forecastsOf(fleetId)).toBe(before + 1);
  });

  it('forecasts a DST day with 100 ISPs', async () => {
    const autumn = DeliveryDay.of('2024-10-27');
    const report = await sut.execute({ scope: { kind: 'site', id: siteId }, deliveryDay: autumn, holdoutWeeks: 2, options: { dayTypeScheme: 'weekday-saturday-sunday' } });
    const cohorts = await count(`session_forecast_cohorts WHERE forecast_id = $1`, [report.stored.id]);
    expect(cohorts).toBe(100);
  });
});
