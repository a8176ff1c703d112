import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { ActivationIntake, DispatcherLoops, DispatchModule, DispatchStateMirror } from '@vpp/dispatch';
import { SeededRandom } from '@vpp/dispatch/domain/__fixtures__/seeded-random';
import { dataSourceOptions } from '@vpp/persistence';
import { MeterValuePartitions } from '@vpp/telemetry';
import { EnergyKwh, Isp } from '@vpp/units';
import { BenchCase, BenchOptions, BenchResult } from '../bench-case';
import { dropScratchDatabase, scratchDatabaseUrl } from '../scratch-database';
import { buildBenchFleet, realSessionShapes } from './dispatch-fleet';
import { derivedSetpointsKw, percentile } from './dispatch-sim';

const CYCLE_S = 4;
/** One ISP of 4-s cycles. */
const CYCLES = 225;
const IGNORE_SHARE = 0.1;
const LATENCY_RANGE_S: readonly [number, number] = [1, 10];
/** ASSUMED: the aFRR capacity is this share of the fleet's up-regulation range (its power above 0 at the start). */
const AFRR_SHARE = 0.25;

export const LOOP_CODE_PATH =
  'PortfolioLoop.tick (DispatcherLoops.createLoop) on PostgreSQL and Redis, ticked in simulated 4-s steps: session loader, telemetry fold, responsiveness and ' +
  'latency monitoring, integral correction, disaggregation, fenced command batches, per-ISP ledger in dispatch_tracking_isps; the setpoints go through ActivationIntake; ' +
  'the cars and their meter values are simulated by the bench (written to meter_values), commands read back from the loop\'s Redis mirror';

const ASSUMED =
  `ASSUMED: every session on OCPP 2.1 with a command-to-effect latency uniform ${LATENCY_RANGE_S[0]}-${LATENCY_RANGE_S[1]} s; ${IGNORE_SHARE * 100} % ignore commands (keep drawing their initial power); ` +
  'one site without a grid limit; arrival 10 min before the start; the loop\'s default baseline (uncontrolled charging at the session\'s max power until its need is met, ' +
  'ARCHITECTURE.md section 2), so the fleet has no room to consume more and a down-regulation setpoint would not be followed; ' +
  `aFRR capacity ${AFRR_SHARE * 100} % of the fleet's power at the start; meter values every 4 s; setpoints DERIVED from the frequency recording (ACE proxy, PI controller of apps/simulator)`;

async function startDispatcher(databaseUrl: string): Promise<INestApplicationContext> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', DISPATCH_LOOP_ENABLED: 'false', DISPATCH_INSTANCE_ID: 'bench-loop',
    DISPATCH_SESSION_REFRESH_S: '3600', QUEUE_PREFIX: `{vpp-bench-loop-${randomBytes(4).toString('hex')}}`,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 4 }) }), DispatchModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  return moduleRef.init();
}

interface Seeded {
  readonly portfolioId: string;
  readonly sessionIds: string[];
  readonly maxKw: Float64Array;
  readonly needKwh: Float64Array;
}

/** The bench fleet's sessions (resampled from real ElaadNL sessions) written into the fleet and portfolio tables, all at one site. */
async function seed(dataSource: DataSource, sessions: number, t0: Date): Promise<Seeded> {
  const { shapes } = await realSessionShapes();
  const bench = buildBenchFleet(shapes, sessions, t0.getTime() / 1000, 20190320);
  const f = bench.fleet;
  const organisationId = randomUUID();
  const portfolioId = randomUUID();
  const fleetId = randomUUID();
  const siteId = randomUUID();
  const chargePointId = randomUUID();
  const sessionIds = Array.from({ length: sessions }, () => randomUUID());
  const evseIds = Array.from({ length: sessions }, () => randomUUID());
  const maxKw = Float64Array.from(f.maxKw.subarray(0, sessions));
  const needKwh = Float64Array.from({ length: sessions }, (_, i) => f.targetKwh[i] - f.deliveredKwh[i]);
  const text = (values: ArrayLike<number>, digits: number) => Array.from(values, (v) => v.toFixed(digits));
  await dataSource.transaction(async (m) => {
    await m.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, 'bench operator', 'operator', 'NL', $2)`, [organisationId, t0]);
    await m.query(`INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, 'bench fleet', $3)`, [fleetId, organisationId, t0]);
    await m.query(`INSERT INTO sites (id, organisation_id, fleet_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, 'bench site', 'NL', 'depot', 'Europe/Amsterdam', $4)`, [siteId, organisationId, fleetId, t0]);
    await m.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpp', $3)`, [chargePointId, siteId, t0]);
    await m.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'bench pool', 'NL', $3, $3)`, [portfolioId, organisationId, t0]);
    await m.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'afrr')`, [portfolioId]);
    await m.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'afrr', $2, $3)`, [portfolioId, siteId, t0]);
    await m.query(
      `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at)
       SELECT t.id, $2, $3, 'AC', 3, t.kw::numeric, false, false, $4 FROM unnest($1::uuid[], $5::text[]) AS t(id, kw)`,
      [evseIds, chargePointId, siteId, t0, text(maxKw, 3)],
    );
    await m.query(
      `INSERT INTO sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, energy_need_kwh, energy_delivered_kwh, max_power_kw, status, control_channel,
                             can_discharge, source, historical, last_seen_at, created_at, updated_at)
       SELECT t.id, $2, t.evse, $3::timestamptz - interval '10 minutes', to_timestamp(t.departure::double precision), t.need::numeric, 0, t.kw::numeric, 'charging', 'ocpp',
              false, 'ocpp', false, $3, $3, $3
         FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS t(id, evse, departure, need, kw)`,
      [sessionIds, fleetId, t0, evseIds, text(f.departureS.subarray(0, sessions), 3), text(needKwh, 6), text(maxKw, 3)],
    );
  });
  return { portfolioId, sessionIds, maxKw, needKwh };
}

async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const sessions = options.sessions ?? 200;
  Logger.overrideLogger(['error']);
  const databaseUrl = await scratchDatabaseUrl('vpp_bench_dispatch_loop');
  const app = await startDispatcher(databaseUrl);
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    // The ISP after the next full minute: every booked interval falls in it.
    const t0 = Isp.containing(new Date(Date.now() + 60_000)).end;
    await new MeterValuePartitions(dataSource).ensure([t0.toISOString().slice(0, 10), new Date(t0.getTime() + CYCLES * CYCLE_S * 1000).toISOString().slice(0, 10)]);
    const s = await seed(dataSource, sessions, t0);
    process.stderr.write(`dispatch loop-tracking: ${sessions} sessions through PortfolioLoop, ${CYCLES} cycles of aFRR from ${t0.toISOString()}\n`);

    const rng = new SeededRandom(11);
    const latencyS = Float64Array.from({ length: sessions }, () => rng.between(LATENCY_RANGE_S[0], LATENCY_RANGE_S[1]));
    const ignoring = Uint8Array.from({ length: sessions }, () => (rng.chance(IGNORE_SHARE) ? 1 : 0));
    // The cars: uncontrolled at their max power until their need is met; a command takes effect after the car's latency.
    const initialKw = Float64Array.from(s.maxKw);
    const powerKw = Float64Array.from(s.maxKw);
    const deliveredKwh = new Float64Array(sessions);
    const pending: Array<Array<{ atMs: number; kw: number }>> = Array.from({ length: sessions }, () => []);
    const slotOf = new Map(s.sessionIds.map((id, i) => [id, i]));
    let contractedKw = 0;
    for (let i = 0; i < sessions; i++) if (ignoring[i] === 0) contractedKw += s.maxKw[i];
    contractedKw = Math.round(contractedKw * AFRR_SHARE);
    const setpointsKw = await derivedSetpointsKw(contractedKw, CYCLES);

    const loops = app.get(DispatcherLoops);
    const intake = app.get(ActivationIntake);
    const mirror = app.get(DispatchStateMirror);
    let clockMs = t0.getTime();
    const loop = loops.createLoop(s.portfolioId, () => clockMs);
    const seen = new Map<string, number>();
    const tickMs = new Float64Array(CYCLES);
    const corrections = new Float64Array(CYCLES);
    let commands = 0;

    const writeMeters = async (at: Date) => {
      await dataSource.query(
        `INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source)
         SELECT t.id, $2, t.kw::numeric, t.kwh::numeric, 'ocpp' FROM unnest($1::uuid[], $3::text[], $4::text[]) AS t(id, kw, kwh)`,
        [s.sessionIds, at, Array.from(powerKw, (p) => p.toFixed(3)), Array.from(deliveredKwh, (e) => e.toFixed(6))],
      );
    };
    await writeMeters(t0);
    for (let c = 0; c < CYCLES; c++) {
      const nowMs = t0.getTime() + c * CYCLE_S * 1000;
      if (c > 0) {
        // Physics of the 4 s just ended: commands in effect by its middle count for it.
        const midMs = nowMs - (CYCLE_S * 1000) / 2;
        for (let i = 0; i < sessions; i++) {
          const queue = pending[i];
          while (queue.length > 0 && queue[0].atMs <= midMs) {
            const next = queue.shift() as { atMs: number; kw: number };
            if (ignoring[i] === 0) powerKw[i] = next.kw;
          }
          let p = ignoring[i] === 1 ? initialKw[i] : powerKw[i];
          p = Math.max(0, Math.min(p, s.maxKw[i]));
          const room = s.needKwh[i] - deliveredKwh[i];
          if ((p * CYCLE_S) / 3600 > room) p = Math.max(0, (room * 3600) / CYCLE_S);
          deliveredKwh[i] += (p * CYCLE_S) / 3600;
          powerKw[i] = p;
        }
        await writeMeters(new Date(nowMs));
      }
      clockMs = nowMs;
      const now = new Date(nowMs);
      await intake.take(s.portfolioId, { type: 'afrr-setpoint', sequence: c + 1, issuedAt: now.toISOString(), setpointMw: Math.round(setpointsKw[c]) / 1000 }, 'http', now);
      const started = performance.now();
      const report = await loop.tick(now);
      tickMs[c] = performance.now() - started;
      if (report.role !== 'active') throw new Error(`the bench loop lost its lease at cycle ${c}`);
      corrections[c] = report.correctionKw ?? 0;
      commands += report.changedCommands;
      for (const [id, kw] of await mirror.handedOut(s.portfolioId)) {
        if (seen.get(id) === kw) continue;
        seen.set(id, kw);
        const i = slotOf.get(id);
        if (i !== undefined) pending[i].push({ atMs: nowMs + latencyS[i] * 1000, kw });
      }
    }
    await loop.stop(true);

    const [booked]: Array<{ cycles: number; requested_up: string; requested_down: string; delivered_up: string; delivered_down: string; abs_error: string; requested: string }> = await dataSource.query(
      `SELECT sum(cycles)::int AS cycles, sum(requested_up_kwh)::text AS requested_up, sum(requested_down_kwh)::text AS requested_down,
              sum(delivered_up_kwh)::text AS delivered_up, sum(delivered_down_kwh)::text AS delivered_down, sum(abs_error_kwh)::text AS abs_error,
              sum(requested_up_kwh + requested_down_kwh)::text AS requested
         FROM dispatch_tracking_isps WHERE portfolio_id = $1 AND activation = 'afrr'`,
      [s.portfolioId],
    );
    const num = (t: string) => EnergyKwh.fromString(t).toFloat64ForOptimisation();
    const requested = num(booked.requested);
    const common = { sessions, cycles: CYCLES, setpoints: 'derived', contracted_afrr_kw: contractedKw, code_path: LOOP_CODE_PATH, assumed: ASSUMED, note: 'measured on 2 shared cores under load from other work' };
    emit({
      metric: 'loop_tracking_error_pct',
      value: Math.round(((100 * num(booked.abs_error)) / requested) * 100) / 100,
      unit: '%',
      ...common,
      booked_cycles: booked.cycles,
      requested_up_kwh: Math.round(num(booked.requested_up) * 1000) / 1000,
      requested_down_kwh: Math.round(num(booked.requested_down) * 1000) / 1000,
      delivered_up_kwh: Math.round(num(booked.delivered_up) * 1000) / 1000,
      delivered_down_kwh: Math.round(num(booked.delivered_down) * 1000) / 1000,
      correction_kw_p50: Math.round(percentile(corrections, 50) * 10) / 10,
      sessions_ignoring_commands: ignoring.reduce((a, b) => a + b, 0),
    });
    emit({ metric: 'loop_tick_p50_ms', value: Math.round(percentile(tickMs, 50) * 10) / 10, unit: 'ms', sessions, loop_tick_p99_ms: Math.round(percentile(tickMs, 99) * 10) / 10, commands_per_cycle_mean: Math.round((commands / CYCLES) * 10) / 10, code_path: LOOP_CODE_PATH, note: common.note });
  } finally {
    await app.close();
    await dropScratchDatabase(databaseUrl);
  }
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'dispatch', name: 'loop-tracking', run }];
