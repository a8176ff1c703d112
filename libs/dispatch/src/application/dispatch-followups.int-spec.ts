import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { dataSourceOptions } from '@vpp/persistence';
import { DeliveryDay, Isp } from '@vpp/units';
import { seedPortfolio, SeededPortfolio } from '../../../../test/dispatch/dispatch-seed';
import { DispatchModule } from '../dispatch.module';
import { CongestionOrdersLoader } from '../infrastructure/congestion-orders.loader';
import { dispatchSilentFeedTotal } from '../infrastructure/metrics/dispatch-metrics';
import { ActivationIntake } from './activation-intake';
import { DispatcherLoops } from './dispatcher-loops';
import { DispatchStateMirror } from './dispatch-state-mirror';
import { TsoFeedCredentials } from './tso-feed-credentials';

// One dispatcher context on the shared test database, loops driven tick by tick (no timers, no
// workers: recorded batches stay in the outbox). The silence limit is the minimum, 1 s.
async function startDispatcher(): Promise<INestApplicationContext> {
  const config = loadConfig({ DISPATCH_INSTANCE_ID: `followups-${randomUUID().slice(0, 8)}`, DISPATCH_LOOP_ENABLED: 'false', DISPATCH_SILENT_FEED_S: '1' });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 3 }) }), DispatchModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  return moduleRef.init();
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

async function addSite(dataSource: DataSource, seeded: SeededPortfolio, other: SeededPortfolio): Promise<void> {
  // The other seeded portfolio's site (and its sessions) moves to this portfolio (one portfolio per site and market).
  await dataSource.query(`UPDATE portfolio_sites SET portfolio_id = $1 WHERE site_id = $2 AND market = 'afrr'`, [seeded.portfolioId, other.siteId]);
}

async function gridConnection(dataSource: DataSource, siteId: string, area: string | null): Promise<string> {
  const ean = `87${digits(16)}`;
  await dataSource.query(
    `INSERT INTO grid_connections (id, site_id, ean, import_limit_kw, export_limit_kw, fuse_limit_kw, dso, congestion_area, created_at) VALUES ($1, $2, $3, 500, 0, NULL, 'test DSO', $4, now())`,
    [randomUUID(), siteId, ean, area],
  );
  return ean;
}

/** An accepted FlexOrder from a DSO for `area`: `powerW` (negative = less load) in ISPs start..start+duration-1 of `day`. */
async function flexOrder(dataSource: DataSource, organisationId: string, area: string, day: DeliveryDay, isp: { start: number; duration: number; powerW: number }): Promise<void> {
  const participantId = randomUUID();
  const requestId = randomUUID();
  const offerId = randomUUID();
  const point = `ean.${digits(18)}`;
  const meta = { ispDuration: 'PT15M', timeZone: 'Europe/Amsterdam', period: day.isoDate, congestionPoint: point };
  await dataSource.transaction(async (m) => {
    await m.query(`INSERT INTO uftp_participants (id, organisation_id, domain, role, public_key, endpoint_url, created_at) VALUES ($1, $2, $3, 'DSO', 'key', 'http://127.0.0.1:9/uftp', now())`, [participantId, organisationId, `dso-${participantId.slice(0, 8)}.test`]);
    await m.query(`INSERT INTO uftp_congestion_points (id, participant_id, entity_address, congestion_area, created_at) VALUES ($1, $2, $3, $4, now())`, [randomUUID(), participantId, point, area]);
    await m.query(
      `INSERT INTO uftp_flex_requests (id, participant_id, message_id, conversation_id, congestion_point, period, revision, expires_at, channel, message, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now() + interval '1 day', 'json', '{}', now())`,
      [requestId, participantId, randomUUID(), randomUUID(), point, day.isoDate],
    );
    await m.query(
      `INSERT INTO uftp_flex_offers (id, participant_id, flex_request_id, message_id, conversation_id, congestion_point, period, expires_at, message, inputs, known_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '1 day', '{}', '{}', now())`,
      [offerId, participantId, requestId, randomUUID(), randomUUID(), point, day.isoDate],
    );
    const message = { ...meta, type: 'FlexOrder', orderReference: 'order-1', activationFactor: '1.00', price: '10', currency: 'EUR', isps: [{ start: isp.start, duration: isp.duration, power: isp.powerW }] };
    await m.query(
      `INSERT INTO uftp_flex_orders (id, participant_id, flex_offer_id, message_id, conversation_id, order_reference, option_reference, activation_factor, price, currency, channel, message, received_at)
       VALUES ($1, $2, $3, $4, $5, 'order-1', 'max', 1.00, 10, 'EUR', 'json', $6, now())`,
      [randomUUID(), participantId, offerId, randomUUID(), randomUUID(), JSON.stringify(message)],
    );
  });
}

describe('dispatcher follow-ups: congestion caps (UFTP, IDCONS) and a silent TSO feed', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startDispatcher();
    dataSource = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app.close();
  });

  it('a UFTP FlexOrder lowers the load of the sites in its area in its ISPs, and nothing else', async () => {
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const inArea = await seedPortfolio(dataSource, [
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
    ]);
    const outside = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '22', needKwh: '60', party }]);
    await addSite(dataSource, inArea, outside);
    const area = `AREA-${randomUUID().slice(0, 8)}`;
    await gridConnection(dataSource, inArea.siteId, area);
    await gridConnection(dataSource, outside.siteId, null);
    await app.get(TsoFeedCredentials).issue(inArea.portfolioId, 'test TSO');

    const now = new Date();
    const day = DeliveryDay.containing(now);
    const isp = Isp.containing(now);
    // 8 kW less load in the area in the current ISP only.
    await flexOrder(dataSource, inArea.organisationId, area, day, { start: day.ispNumber(isp), duration: 1, powerW: -8_000 });

    // The order applies to the area's site, exactly for its ISP.
    const orders = await app.get(CongestionOrdersLoader).load(inArea.portfolioId, now, 3_600_000);
    expect(orders).toEqual([{ source: 'uftp-flex-order', reference: 'order-1', siteIds: [inArea.siteId], reductionKw: 8, fromMs: isp.start.getTime(), toMs: isp.end.getTime() }]);

    const loop = app.get(DispatcherLoops).createLoop(inArea.portfolioId);
    const report = await loop.tick(now);
    expect(report.role).toBe('active');
    expect(report.congestionCappedSites).toBe(1);
    const handedOut = await app.get(DispatchStateMirror).handedOut(inArea.portfolioId);
    const areaKw = inArea.sessionIds.reduce((sum, id) => sum + (handedOut.get(id) ?? Number.NaN), 0);
    // Baseline 22 kW (both at 11 kW) less 8 kW; the session outside keeps its full 22 kW.
    expect(areaKw).toBeLessThanOrEqual(14 + 1e-6);
    expect(areaKw).toBeGreaterThan(0);
    expect(handedOut.get(outside.sessionIds[0])).toBeCloseTo(22);
    await loop.stop(true);
  });

  it('without a FlexOrder in the ISP, the same fleet is dispatched at its baseline', async () => {
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const inArea = await seedPortfolio(dataSource, [
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
    ]);
    const area = `AREA-${randomUUID().slice(0, 8)}`;
    await gridConnection(dataSource, inArea.siteId, area);
    await app.get(TsoFeedCredentials).issue(inArea.portfolioId, 'test TSO');
    const now = new Date();
    const day = DeliveryDay.containing(now);
    const next = Isp.containing(now).next();
    // An order for the next ISP (or tomorrow's first when this is the day's last): not now.
    const nextDay = day.contains(next.start) ? day : day.next();
    await flexOrder(dataSource, inArea.organisationId, area, nextDay, { start: nextDay.ispNumber(next), duration: 1, powerW: -8_000 });

    const loop = app.get(DispatcherLoops).createLoop(inArea.portfolioId);
    const report = await loop.tick(now);
    expect(report.congestionCappedSites).toBe(0);
    const handedOut = await app.get(DispatchStateMirror).handedOut(inArea.portfolioId);
    expect(inArea.sessionIds.reduce((sum, id) => sum + (handedOut.get(id) ?? Number.NaN), 0)).toBeCloseTo(22);
    await loop.stop(true);
  });

  it('an IDCONS award sold at a location lowers that site\'s load for the award period only; a bought one is no cap', async () => {
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const seeded = await seedPortfolio(dataSource, [
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
    ]);
    const ean = await gridConnection(dataSource, seeded.siteId, null);
    await app.get(TsoFeedCredentials).issue(seeded.portfolioId, 'test TSO');
    const now = new Date();
    const isp = Isp.containing(now);
    const award = async (direction: 'sell' | 'buy', quantityMw: string, from: Isp) => {
      const bidId = randomUUID();
      await dataSource.query(
        `INSERT INTO bids (id, bid_key, portfolio_id, organisation_id, market, product_code, product_version_id, direction, period_start, period_end, delivery_day, location_ean, pair_ref, status, refusal_reasons, known_at, built_from, created_at, status_changed_at)
         VALUES ($1, $2, $3, $4, 'idcons', 'idcons-nl', 'v1', $5, $6, $7, $8, $9, 'pair-1', 'awarded', '[]', now(), '{}', now(), now())`,
        [bidId, `bid-${bidId}`, seeded.portfolioId, seeded.organisationId, direction, from.start, from.end, DeliveryDay.containing(from.start).isoDate, ean],
      );
      await dataSource.query(
        `INSERT INTO market_awards (id, bid_id, client_order_id, gate_key, portfolio_id, market, product_code, direction, period_start, period_end, quantity_mw, price, price_unit, pricing, labels, known_at)
         VALUES ($1, $2, $3, 'idcons-event', $4, 'idcons', 'idcons-nl', $5, $6, $7, $8, 30, 'EUR/MWh', 'pay-as-bid', '[]', now())`,
        [randomUUID(), bidId, `order-${bidId}`, seeded.portfolioId, direction, from.start, from.end, quantityMw],
      );
    };
    await award('sell', '0.006', isp);
    await award('buy', '0.010', isp);
    await award('sell', '0.020', isp.next());

    const orders = await app.get(CongestionOrdersLoader).load(seeded.portfolioId, now, 3_600_000);
    expect(orders.map((o) => [o.source, o.siteIds, o.reductionKw, o.fromMs])).toEqual(
      expect.arrayContaining([
        ['idcons-award', [seeded.siteId], 6, isp.start.getTime()],
        ['idcons-award', [seeded.siteId], 20, isp.next().start.getTime()],
      ]),
    );
    expect(orders).toHaveLength(2);

    const loop = app.get(DispatcherLoops).createLoop(seeded.portfolioId);
    expect((await loop.tick(now)).congestionCappedSites).toBe(1);
    const handedOut = await app.get(DispatchStateMirror).handedOut(seeded.portfolioId);
    // Baseline 22 kW less the 6 kW sold now; the next ISP's 20 kW does not apply yet.
    const siteKw = seeded.sessionIds.reduce((sum, id) => sum + (handedOut.get(id) ?? Number.NaN), 0);
    expect(siteKw).toBeLessThanOrEqual(16 + 1e-6);
    expect(siteKw).toBeGreaterThan(8);
    await loop.stop(true);
  });

  it('a silent feed lets the last aFRR setpoint expire: 0 MW activation, counted as an alert, until the feed speaks again', async () => {
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const seeded = await seedPortfolio(dataSource, [
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '22', needKwh: '60', party },
    ]);
    const p = seeded.portfolioId;
    await app.get(TsoFeedCredentials).issue(p, 'test TSO');
    const intake = app.get(ActivationIntake);
    const loop = app.get(DispatcherLoops).createLoop(p);
    const alerts = async () => (await dispatchSilentFeedTotal.get()).values.find((v) => v.labels.portfolio === p)?.value ?? 0;

    const idle = await loop.tick(new Date());
    await intake.take(p, { type: 'afrr-setpoint', sequence: 1, issuedAt: new Date().toISOString(), setpointMw: 0.02 }, 'http');
    const activated = await loop.tick(new Date());
    expect(activated.targetKw).not.toBeCloseTo(idle.targetKw);
    expect(await alerts()).toBe(0);

    // Waiting for a state (the 1 s limit to pass), not asserting a speed.
    await sleep(1_200);
    const silent = await loop.tick(new Date());
    expect(silent.targetKw).toBeCloseTo(idle.targetKw);
    expect(await alerts()).toBe(1);
    // Still silent: one alert per silence, not one per cycle.
    await loop.tick(new Date());
    expect(await alerts()).toBe(1);

    await intake.take(p, { type: 'afrr-setpoint', sequence: 2, issuedAt: new Date().toISOString(), setpointMw: 0.02 }, 'http');
    expect((await loop.tick(new Date())).targetKw).toBeCloseTo(activated.targetKw);
    await loop.stop(true);
  });
});
