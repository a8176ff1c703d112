import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TenantScope } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { Decimal, DeliveryDay, Isp } from '@vpp/units';
import { ReservationLedger } from '../src/application/ledger/reservation-ledger';
import { SiteServicesUseCase } from '../src/application/site-services/site-services.use-case';
import type { SessionForecast } from '../src/domain/forecast';
import { ForecastRepository } from '../src/infrastructure/forecast/forecast.repository';
import { PlanWorld, energyKwh, planUseCase, scheduleOf, writePriceFile } from './plan-fixtures';

const MAIN_DAY = DeliveryDay.of('2027-06-16'); // Wednesday, CEST: 2027-06-15T22:00Z .. 2027-06-16T22:00Z
const PV_DAY = DeliveryDay.of('2027-06-23');
const PEAK_DAY = DeliveryDay.of('2027-06-30');
const DST_DAY = DeliveryDay.of('2027-10-31'); // 100 ISPs

// Hand-made prices: on the main day expensive 04-08 UTC, cheap 10-14 UTC; flat on the PV day;
// on the peak day one cheap hour 06-07 UTC.
const PRICES = writePriceFile([
  { isoDate: MAIN_DAY.isoDate, priceAtUtcHour: (h) => (h >= 4 && h < 8 ? 200 : h >= 10 && h < 14 ? 40 : 100) },
  { isoDate: PV_DAY.isoDate, priceAtUtcHour: () => 100 },
  { isoDate: PEAK_DAY.isoDate, priceAtUtcHour: (h) => (h === 6 ? 50 : 100) },
  { isoDate: DST_DAY.isoDate, priceAtUtcHour: (h) => 60 + h },
]);

const operatorScope = (organisationId: string): TenantScope =>
  new TenantScope({ type: 'user', id: randomUUID(), organisationId, organisationKind: 'operator', memberRole: 'admin' });

const isoOf = (iso: string): string => new Date(iso).toISOString();
const ispStartsBetween = (fromIso: string, toIso: string): string[] => {
  const out: string[] = [];
  for (let isp = Isp.startingAt(new Date(fromIso)); isp.start.getTime() < new Date(toIso).getTime(); isp = isp.next()) out.push(isp.start.toISOString());
  return out;
};

/** One stored site forecast: two EVs expected in the ISP starting 10:00Z (ISP 49), 8 kWh each, 4 h dwell. */
function siteForecast(siteId: string): SessionForecast {
  const q = (v: number) => ({ p10: v, p50: v, p90: v });
  const cohorts = MAIN_DAY.isps().map((isp, i) => {
    const expected = i === 48 ? 2 : 0;
    const arrival = new Date(isp.start.getTime() + 450_000);
    return {
      ispNumber: i + 1,
      ispStart: isp.start,
      expectedArrivals: expected,
      arrivals: q(expected),
      expectedArrivingEnergyKwh: expected * 8,
      arrivingEnergyKwh: q(expected * 8),
      dwellHours: q(4),
      energyNeedKwh: q(8),
      maxPowerKw: 11,
      arrival,
      expectedDeparture: new Date(arrival.getTime() + 4 * 3_600_000),
      p10Departure: new Date(arrival.getTime() + 2 * 3_600_000),
      sampleSessions: 40,
    };
  });
  return {
    method: 'empirical-daytype-isp',
    version: 1,
    scope: { kind: 'site', id: siteId },
    deliveryDay: MAIN_DAY.isoDate,
    ispCount: 96,
    knownAt: new Date('2027-06-15T10:00:00Z'),
    trainedFrom: '2027-05-01',
    trainedTo: '2027-06-14',
    dayTypeScheme: 'weekday-saturday-sunday',
    dayType: 'weekday',
    historyDays: 30,
    expectedArrivalsPerDay: 2,
    arrivalsPerDay: q(2),
    expectedEnergyKwhPerDay: 16,
    energyKwhPerDay: q(16),
    cohorts,
    assumptions: ['test forecast: hand-made cohorts'],
  };
}

describe('plan job: a portfolio day from the fleet to a stored plan, ledger availability and baselines', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 4 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('plans two sites once per known_at: boost fixed at full power, driver override honoured, V2G discharging at peak prices, site limit kept, forecast cohorts planned, ledger never undercut', async () => {
    const world = await new PlanWorld(dataSource).create();
    const siteA = await world.site(30);
    const siteB = await world.site(22);
    const knownAt = new Date('2027-06-16T04:00:00Z');

    // S1: boost asked before known_at; would otherwise wait for the cheap hours.
    const s1 = await world.session({ evseId: await world.evse(siteA, 11), arrival: '2027-06-16T03:30:00Z', departure: '2027-06-16T14:00:00Z', needKwh: 20 });
    await world.needs(s1, { boostRequestedAt: '2027-06-16T03:50:00Z' });
    // S2: the CPO says 10 kWh by 20:00Z; the driver says 25 kWh by 09:00Z.
    const s2 = await world.session({ evseId: await world.evse(siteA, 11), arrival: '2027-06-16T03:00:00Z', departure: '2027-06-16T20:00:00Z', needKwh: 10 });
    await world.needs(s2, { departureAt: '2027-06-16T09:00:00Z', energyNeedKwh: 25 });
    // S3: V2G on a compliant bidirectional DC EVSE, SoC 60 % of 60 kWh, min SoC 20 %.
    const dcEvse = await world.evse(siteA, 20, { dc: true, bidirectional: true });
    await world.dcCompliance(dcEvse);
    const s3 = await world.session({
      evseId: dcEvse,
      arrival: '2027-06-16T02:00:00Z',
      departure: '2027-06-16T20:00:00Z',
      needKwh: 10,
      channel: 'ocpp',
      canDischarge: true,
      vehicleId: await world.v2gVehicle(60, 20),
      minSocPct: 20,
    });
    await world.socReading(s3, '2027-06-16T03:55:00Z', 60);
    // S4: plain session at site B on a channel fast enough for aFRR.
    const s4 = await world.session({ evseId: await world.evse(siteB, 11), arrival: '2027-06-16T03:40:00Z', departure: '2027-06-16T18:00:00Z', needKwh: 15, measuredLatency: true });
    await new ForecastRepository().saveForecast(dataSource.manager, siteForecast(siteB), new Date());

    // A prior aFRR-up sale of 50 kW in 10:00-11:00Z, more than the plan will see there.
    const ledger = new ReservationLedger(dataSource);
    const soldIsps = ispStartsBetween('2027-06-16T10:00:00Z', '2027-06-16T11:00:00Z');
    await ledger.setAvailability(world.portfolioId, soldIsps.flatMap((start) => (['up', 'down'] as const).map((direction) => ({ ispStart: new Date(start), direction, availableKw: new Decimal(100) }))));
    await ledger.reserve(world.portfolioId, { product: 'afrr_up', reference: 'prior bid', idempotencyKey: randomUUID(), isps: soldIsps.map((start) => ({ ispStart: new Date(start), kw: new Decimal(50) })) });

    const { useCase } = planUseCase(dataSource, PRICES);
    const first = await useCase.execute({ portfolioId: world.portfolioId, deliveryDay: MAIN_DAY, knownAt });
    const rowsAfterFirst: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_session_isps WHERE plan_run_id = $1`, [first.id]);
    const second = await useCase.execute({ portfolioId: world.portfolioId, deliveryDay: MAIN_DAY, knownAt });
    expect(second.id).toBe(first.id);
    const runs: { id: string; status: string; slacks_count: number; inputs_summary: Record<string, unknown>; ledger_conflicts: { ispStart: string; direction: string }[] }[] = await dataSource.query(
      `SELECT id, status, slacks_count, inputs_summary, ledger_conflicts FROM plan_runs WHERE portfolio_id = $1`,
      [world.portfolioId],
    );
    expect(runs.map((r) => [r.id, r.status])).toEqual([[first.id, 'completed']]);
    const rowsAfterSecond: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_session_isps WHERE plan_run_id = $1`, [first.id]);
    expect(rowsAfterSecond[0].n).toBe(rowsAfterFirst[0].n);
    expect(runs[0].slacks_count).toBe(0);

    const schedule = await scheduleOf(dataSource, first.id);
    // Boost: 11 kW from 04:00Z for 20 kWh = 7 full ISPs (19.25 kWh) and 0.75 kWh (3 kW) in the 8th, nothing after.
    const boost = schedule.get(s1)!;
    for (const start of ispStartsBetween('2027-06-16T04:00:00Z', '2027-06-16T05:45:00Z')) expect(boost.get(start)).toBeCloseTo(11, 3);
    expect(boost.get(isoOf('2027-06-16T05:45:00Z'))).toBeCloseTo(3, 3);
    expect(boost.size).toBe(8);
    // Override: 25 kWh, all before the driver's 09:00Z.
    expect(energyKwh(schedule.get(s2))).toBeCloseTo(25, 2);
    expect([...schedule.get(s2)!.keys()].every((start) => new Date(start).getTime() < new Date('2027-06-16T09:00:00Z').getTime())).toBe(true);
    // V2G: discharges in the 200 EUR/MWh hours and recharges later; ends with its 10 kWh stored.
    const v2g = schedule.get(s3)!;
    expect(Math.min(...v2g.values())).toBeLessThan(0);
    const stored = [...v2g.values()].reduce((sum, kw) => sum + (kw > 0 ? kw * 0.25 * 0.9327 : (kw * 0.25) / 0.9327), 0);
    expect(stored).toBeCloseTo(10 * 0.9327, 2);
    // Site A's 30 kW import limit holds in every ISP.
    for (const start of MAIN_DAY.isps().map((isp) => isp.start.toISOString())) {
      const siteLoad = [s1, s2, s3].reduce((sum, s) => sum + (schedule.get(s)?.get(start) ?? 0), 0);
      expect(siteLoad).toBeLessThanOrEqual(30.001);
    }
    expect(energyKwh(schedule.get(s4))).toBeCloseTo(15, 2);
    // The stored forecast's cohort (2 EVs x 8 kWh) is planned at site B.
    const cohort = [...schedule.keys()].find((ref) => ref.startsWith(`site:${siteB}:`));
    expect(energyKwh(schedule.get(cohort!))).toBeCloseTo(16, 2);
    const summary = runs[0].inputs_summary;
    expect(summary.forecasts).toEqual([expect.objectContaining({ siteId: siteB, source: 'stored', cohorts: 1 })]);
    expect(summary.needOverrides).toEqual([s2]);
    expect((summary.prices as { source: string }).source).toBe('day-ahead');
    expect(summary.assumptions).toEqual(expect.arrayContaining([expect.stringMatching(/^assumed capacity prices/), 'test forecast: hand-made cohorts']));

    // Ledger: availability written from the aggregate, never below the 50 kW sold.
    const cells: { isp_start: Date; direction: string; available_kw: string; reserved_kw: string }[] = await dataSource.query(
      `SELECT isp_start, direction, available_kw, reserved_kw FROM ledger_capacity WHERE portfolio_id = $1`,
      [world.portfolioId],
    );
    expect(cells).toHaveLength(96 * 2);
    const planned: { isp_start: Date; up: string }[] = await dataSource.query(`SELECT isp_start, up_available_kw AS up FROM plan_portfolio_isps WHERE plan_run_id = $1`, [first.id]);
    const plannedUp = new Map(planned.map((p) => [p.isp_start.toISOString(), new Decimal(p.up)]));
    for (const cell of cells.filter((c) => c.direction === 'up')) {
      const start = cell.isp_start.toISOString();
      const expected = soldIsps.includes(start) ? Decimal.max(plannedUp.get(start)!, new Decimal(50)) : plannedUp.get(start)!;
      expect({ start, available: new Decimal(cell.available_kw).toFixed() }).toEqual({ start, available: expected.toFixed() });
    }
    expect(plannedUp.get(isoOf('2027-06-16T04:30:00Z'))!.greaterThan(0)).toBe(true); // S4 charging, its channel aFRR-fast
    expect(runs[0].ledger_conflicts.map((c) => `${c.ispStart}/${c.direction}`).sort()).toEqual(soldIsps.map((start) => `${start}/up`));

    // Uncontrolled-charging baselines known at known_at, with the driver's departure for S2.
    const baselines: { session_id: string; computed_from: Record<string, string> }[] = await dataSource.query(
      `SELECT session_id, computed_from FROM baseline_records WHERE session_id = ANY($1::uuid[]) AND known_at = $2 AND method = 'uncontrolled-charging'`,
      [[s1, s2, s3, s4], knownAt],
    );
    expect(baselines).toHaveLength(4);
    expect(baselines.find((b) => b.session_id === s2)?.computed_from).toEqual(expect.objectContaining({ departure: '2027-06-16T09:00:00.000Z', energyNeedKwh: '25' }));
  });

  it('plans a 100-ISP DST day', async () => {
    const world = await new PlanWorld(dataSource).create();
    const site = await world.site(50);
    const session = await world.session({ evseId: await world.evse(site, 11), arrival: '2027-10-30T23:30:00Z', departure: '2027-10-31T05:00:00Z', needKwh: 20 });
    const { useCase } = planUseCase(dataSource, PRICES);
    const run = await useCase.execute({ portfolioId: world.portfolioId, deliveryDay: DST_DAY, knownAt: new Date('2027-10-30T23:45:00Z') });
    const isps: { n: number; last: number }[] = await dataSource.query(`SELECT count(*)::int AS n, max(isp_number)::int AS last FROM plan_portfolio_isps WHERE plan_run_id = $1`, [run.id]);
    expect(isps[0]).toEqual({ n: 100, last: 100 });
    const schedule = await scheduleOf(dataSource, run.id);
    expect(energyKwh(schedule.get(session))).toBeCloseTo(20, 2);
    // Prices are 60 + the UTC hour: the cheapest are both passes of the repeated 02:00-03:00 local
    // (00:00-02:00Z): 11 kWh in the first pass at full power, the other 9 kWh in the second.
    const series = schedule.get(session)!;
    for (const start of ispStartsBetween('2027-10-31T00:00:00Z', '2027-10-31T01:00:00Z')) expect(series.get(start)).toBeCloseTo(11, 3);
    const secondPass = [...series.entries()].filter(([start]) => start >= isoOf('2027-10-31T01:00:00Z') && start < isoOf('2027-10-31T02:00:00Z'));
    expect(secondPass.reduce((sum, [, kw]) => sum + kw * 0.25, 0)).toBeCloseTo(9, 2);
  });

  it('behind the meter: PV self-consumption moves charging into the PV hours at flat prices', async () => {
    const world = await new PlanWorld(dataSource).create();
    const site = await world.site(50);
    // 10 kW PV 11:00-13:00 local (09:00-11:00Z in CEST), nothing else.
    const pv = Array.from({ length: 96 }, (_, q) => (q >= 44 && q < 52 ? '10' : '0'));
    await new SiteServicesUseCase(dataSource).set(
      operatorScope(world.organisationId),
      { siteId: site, effectiveFrom: '2027-06-01', capacityTariffEurPerKwMonth: null, pvProfileKw: pv.map((kw) => new Decimal(kw)), baseLoadProfileKw: null, tariff: { kind: 'dynamic' } },
    );
    const session = await world.session({ evseId: await world.evse(site, 11), arrival: '2027-06-23T05:00:00Z', departure: '2027-06-23T14:00:00Z', needKwh: 11 });
    const { useCase } = planUseCase(dataSource, PRICES);
    const run = await useCase.execute({ portfolioId: world.portfolioId, deliveryDay: PV_DAY, knownAt: new Date('2027-06-23T06:00:00Z') });
    const series = (await scheduleOf(dataSource, run.id)).get(session)!;
    const inPvHours = [...series.entries()].filter(([start]) => start >= isoOf('2027-06-23T09:00:00Z') && start < isoOf('2027-06-23T11:00:00Z'));
    // Uncontrolled charging would take 06:00-07:00Z; the plan takes all 11 kWh from the PV.
    expect(inPvHours.reduce((sum, [, kw]) => sum + kw * 0.25, 0)).toBeCloseTo(11, 2);
    expect(energyKwh(series)).toBeCloseTo(11, 2);
  });

  it('behind the meter: peak shaving under a capacity tariff spreads two EVs below the uncontrolled 22 kW peak (hand-checked 22 kWh / 6 h)', async () => {
    const world = await new PlanWorld(dataSource).create();
    const site = await world.site(50);
    // 30 EUR/kW/month = 1 EUR per kW of the day's peak in June; the cheap hour saves 0.05 EUR/kWh, less than a kW of peak costs.
    await new SiteServicesUseCase(dataSource).set(
      operatorScope(world.organisationId),
      { siteId: site, effectiveFrom: '2027-06-01', capacityTariffEurPerKwMonth: new Decimal(30), pvProfileKw: null, baseLoadProfileKw: null, tariff: { kind: 'dynamic' } },
    );
    const sessions = [
      await world.session({ evseId: await world.evse(site, 11), arrival: '2027-06-30T05:50:00Z', departure: '2027-06-30T12:00:00Z', needKwh: 11 }),
      await world.session({ evseId: await world.evse(site, 11), arrival: '2027-06-30T05:50:00Z', departure: '2027-06-30T12:00:00Z', needKwh: 11 }),
    ];
    const { useCase } = planUseCase(dataSource, PRICES);
    const run = await useCase.execute({ portfolioId: world.portfolioId, deliveryDay: PEAK_DAY, knownAt: new Date('2027-06-30T06:00:00Z') });
    const schedule = await scheduleOf(dataSource, run.id);
    const siteKw = PEAK_DAY.isps().map((isp) => sessions.reduce((sum, s) => sum + (schedule.get(s)?.get(isp.start.toISOString()) ?? 0), 0));
    const peak = Math.max(...siteKw);
    expect(peak).toBeLessThan(22);
    expect(peak).toBeCloseTo(22 / 6, 2);
    for (const s of sessions) expect(energyKwh(schedule.get(s))).toBeCloseTo(11, 2);
  });
});
