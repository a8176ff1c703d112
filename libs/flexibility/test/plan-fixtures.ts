import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@vpp/config';
import { MeterValuePartitions } from '@vpp/telemetry';
import { DeliveryDay } from '@vpp/units';
import { RecordBaselineUseCase } from '../src/application/baseline-records/record-baseline.use-case';
import { ForecastAndBacktestUseCase } from '../src/application/forecast/forecast-and-backtest.use-case';
import { LedgerDayQuery } from '../src/application/ledger/ledger-day.query';
import { ReservationLedger } from '../src/application/ledger/reservation-ledger';
import { DayAheadPriceBook } from '../src/application/planning/day-ahead-price-book';
import { PlanPortfolioDayUseCase } from '../src/application/planning/plan-portfolio-day.use-case';

/**
 * Hourly day-ahead prices (timestamp_utc, price_eur_mwh) of the given days, written to a temp file:
 * hand-made prices so every expected schedule can be checked by hand (test data, not market data).
 */
export function writePriceFile(days: readonly { isoDate: string; priceAtUtcHour: (hour: number) => number }[]): string {
  const lines = ['timestamp_utc,price_eur_mwh'];
  const rows: [number, number][] = [];
  for (const { isoDate, priceAtUtcHour } of days) {
    const day = DeliveryDay.of(isoDate);
    for (let ms = day.start.getTime(); ms < day.end.getTime(); ms += 3_600_000) rows.push([ms, priceAtUtcHour(new Date(ms).getUTCHours())]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const seen = new Set<number>();
  for (const [ms, price] of rows) {
    if (seen.has(ms)) continue;
    seen.add(ms);
    lines.push(`${new Date(ms).toISOString().replace('.000Z', 'Z')},${price}`);
  }
  const path = join(tmpdir(), `plan-prices-${randomUUID()}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function planUseCase(dataSource: DataSource, priceFile: string): { useCase: PlanPortfolioDayUseCase; config: AppConfig } {
  const config = loadConfig({ PLANNING_DAY_AHEAD_PRICE_FILES: priceFile });
  const useCase = new PlanPortfolioDayUseCase(
    dataSource,
    new ReservationLedger(dataSource),
    new LedgerDayQuery(dataSource),
    new RecordBaselineUseCase(dataSource),
    new DayAheadPriceBook(config),
    config,
    new ForecastAndBacktestUseCase(dataSource),
  );
  return { useCase, config };
}

/** An operator organisation with a fleet and one portfolio pooled in `markets`. */
export class PlanWorld {
  readonly organisationId: string;
  readonly fleetId = randomUUID();
  readonly portfolioId = randomUUID();
  /** A party of our own, so channel latencies of other tests do not mix in. */
  readonly partyId = `P${randomUUID().slice(0, 8)}`;

  /** `existingOrganisationId`: an operator seeded elsewhere (e.g. with an API key); else one is created. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly markets: readonly string[] = ['afrr', 'day_ahead'],
    private readonly existingOrganisationId?: string,
  ) {
    this.organisationId = existingOrganisationId ?? randomUUID();
  }

  async create(): Promise<this> {
    await this.dataSource.transaction(async (m) => {
      if (!this.existingOrganisationId) {
        await m.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'operator', 'NL', now())`, [this.organisationId, `plan-test ${this.organisationId}`]);
      }
      await m.query(`INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, 'fleet', now())`, [this.fleetId, this.organisationId]);
      await m.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'pool', 'NL', now(), now())`, [this.portfolioId, this.organisationId]);
      await m.query(`INSERT INTO portfolio_markets (portfolio_id, market) SELECT $1, unnest($2::text[])`, [this.portfolioId, this.markets]);
      await m.query(`INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at) VALUES ($1, 'afrr_up', 1000, now()), ($1, 'afrr_down', 1000, now())`, [this.portfolioId]);
      await m.query(`INSERT INTO channel_latency (channel, party, sample_count, mean_ms, p95_ms, last_ms, last_measured_at) VALUES ('ocpi', $1, 10, 40000, 60000, 40000, now())`, [`NL*${this.partyId}`]);
    });
    return this;
  }

  /** A pooled site with a grid connection. */
  async site(importLimitKw: number, exportLimitKw = importLimitKw): Promise<string> {
    const siteId = randomUUID();
    const ean = `87${String(Math.floor(Math.random() * 1e15)).padStart(15, '0')}`;
    await this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO sites (id, organisation_id, fleet_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, $4, 'NL', 'depot', 'Europe/Amsterdam', now())`, [
        siteId,
        this.organisationId,
        this.fleetId,
        `site ${siteId}`,
      ]);
      await m.query(`INSERT INTO grid_connections (id, site_id, ean, import_limit_kw, export_limit_kw, dso, created_at) VALUES ($1, $2, $3, $4, $5, 'Liander', now())`, [
        randomUUID(),
        siteId,
        `${ean.slice(0, 17)}${checkDigit(ean.slice(0, 17))}`,
        importLimitKw,
        exportLimitKw,
      ]);
      for (const market of this.markets) await m.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, $2, $3, now())`, [this.portfolioId, market, siteId]);
    });
    return siteId;
  }

  async evse(siteId: string, maxKw: number, options: { dc?: boolean; bidirectional?: boolean } = {}): Promise<string> {
    const chargePointId = randomUUID();
    const evseId = randomUUID();
    await this.dataSource.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpi', now())`, [chargePointId, siteId]);
    await this.dataSource.query(
      `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at) VALUES ($1, $2, $3, $4, 3, $5, $6, false, now())`,
      [evseId, chargePointId, siteId, options.dc ? 'DC' : 'AC', maxKw, options.bidirectional ?? false],
    );
    return evseId;
  }

  /** A live session; `measuredLatency` maps it to our party, whose aFRR-fast latency is recorded. */
  async session(spec: {
    evseId: string;
    arrival: string;
    departure: string | null;
    needKwh: number | null;
    channel?: 'ocpi' | 'ocpp';
    canDischarge?: boolean;
    vehicleId?: string;
    minSocPct?: number;
    measuredLatency?: boolean;
  }): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO sessions (id, fleet_id, vehicle_id, evse_id, arrival_at, expected_departure_at, energy_need_kwh, min_soc_pct, energy_delivered_kwh, status,
                             control_channel, can_discharge, source, historical, last_seen_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 'plugged_in', $9, $10, $9, false, now(), now(), now())`,
      [id, this.fleetId, spec.vehicleId ?? null, spec.evseId, spec.arrival, spec.departure, spec.needKwh, spec.minSocPct ?? null, spec.channel ?? 'ocpi', spec.canDischarge ?? false],
    );
    if (spec.measuredLatency) {
      await this.dataSource.query(`INSERT INTO external_ids (id, entity_type, entity_id, country_code, party_id, external_id, created_at) VALUES ($1, 'session', $2, 'NL', $3, $4, now())`, [
        randomUUID(),
        id,
        this.partyId,
        id,
      ]);
    }
    return id;
  }

  async v2gVehicle(batteryKwh: number, dcKw: number): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO vehicles (id, fleet_id, pseudonymous_id, battery_kwh, max_dc_charge_kw, max_dc_discharge_kw, v2g_capable, created_at) VALUES ($1, $2, $3, $4, $5, $5, true, now())`,
      [id, this.fleetId, `ev-${id}`, batteryKwh, dcKw],
    );
    return id;
  }

  async dcCompliance(evseId: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO v2g_compliance (id, evse_id, current_type, country, grid_code, recorded_at) VALUES ($1, $2, 'DC', 'NL', 'RfG NC', now())`, [randomUUID(), evseId]);
  }

  async socReading(sessionId: string, at: string, socPct: number): Promise<void> {
    await new MeterValuePartitions(this.dataSource).ensure([at.slice(0, 10)]);
    await this.dataSource.query(`INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, soc_pct, source) VALUES ($1, $2, 0, 0, $3, 'ocpp')`, [sessionId, at, socPct]);
  }

  /** The driver's override (issue 3 item 6) as the mobility API stores it. */
  async needs(sessionId: string, over: { departureAt?: string; energyNeedKwh?: number; boostRequestedAt?: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mobility_needs (id, organisation_id, session_id, departure_at, energy_need_kwh, boost_requested_at, source, set_by_type, set_by_id, set_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'driver-app', 'api_key', $7, now(), 1)`,
      [randomUUID(), this.organisationId, sessionId, over.departureAt ?? null, over.energyNeedKwh ?? null, over.boostRequestedAt ?? null, randomUUID()],
    );
  }
}

/** GS1 check digit of the first 17 digits of an EAN-18. */
function checkDigit(digits17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number.parseInt(digits17[16 - i], 10) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

/** Stored schedule of a run: subject -> ISP start ISO -> kW. */
export async function scheduleOf(dataSource: DataSource, runId: string): Promise<Map<string, Map<string, number>>> {
  const rows: { subject_ref: string; isp_start: Date; kw: number }[] = await dataSource.query(
    `SELECT subject_ref, isp_start, power_kw::float8 AS kw FROM plan_session_isps WHERE plan_run_id = $1`,
    [runId],
  );
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const series = out.get(row.subject_ref) ?? new Map<string, number>();
    series.set(row.isp_start.toISOString(), row.kw);
    out.set(row.subject_ref, series);
  }
  return out;
}

export const energyKwh = (series: Map<string, number> | undefined): number => [...(series?.values() ?? [])].reduce((sum, kw) => sum + kw * 0.25, 0);
