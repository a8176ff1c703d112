import type { DataSource } from 'typeorm';
import {
  QualifiedSessionsQuery, RecordChannelLatencyUseCase, RecordV2gComplianceUseCase, UpsertExternalLocationUseCase, UpsertExternalSessionUseCase, UpsertVehicleUseCase,
  channelLatencyOf, partyKey,
} from '@vpp/fleet';
import { AuditLogRepository } from '@vpp/access';
import { EnergyKwh, PowerKw } from '@vpp/units';
import { SiteFixture, aParty, aSite, anEvse, openTestDataSource } from './fleet-test-kit';

const SYSTEM = { type: 'system', id: null, organisationId: null } as const;

// Real PostgreSQL (vpp_test): sites, EVSEs, vehicles, V2G compliance, latency and the
// qualification view later issues use to pick sessions per product.
describe('fleet assets and qualification', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('maps a location and an EVSE once, however often they are pushed', async () => {
    const site = await aSite(dataSource);
    const again = await aSiteAgain(dataSource, site);
    expect(again).toEqual({ siteId: site.siteId, created: false });
    const [a, b] = [await dataSource.transaction((m) => anEvse(m, site, 'E1')), await dataSource.transaction((m) => anEvse(m, site, 'E1', { maxPowerKw: '11' }))];
    expect(b).toBe(a);
    const rows: { max_power_kw: string }[] = await dataSource.query(`SELECT max_power_kw FROM evses WHERE id = $1`, [a]);
    expect(rows[0].max_power_kw).toBe('11.000');
  });

  it('refuses a grid connection whose EAN check digit is wrong, writing nothing', async () => {
    const site = await aSite(dataSource);
    const before: unknown[] = await dataSource.query(`SELECT ean FROM grid_connections WHERE site_id = $1`, [site.siteId]);
    await expect(
      dataSource.transaction((m) =>
        new UpsertExternalLocationUseCase().execute(m, {
          party: site.party, externalLocationId: 'LOC1', organisationId: site.organisationId, fleetId: site.fleetId, name: 'Depot', country: 'NL', innovationCluster: 'depot',
          timezone: 'Europe/Amsterdam', gridConnection: { ean: '871687120000000005', importLimitKw: PowerKw.of(1), exportLimitKw: PowerKw.of(1), fuseLimitKw: null, dso: 'x', congestionArea: null },
        }),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_EAN' });
    expect(await dataSource.query(`SELECT ean FROM grid_connections WHERE site_id = $1`, [site.siteId])).toEqual(before);
  });

  it('lets only V2G-compliant pairs on a discharge-capable channel discharge, with limits nested fuse -> site -> EVSE', async () => {
    // Site import limit 100 kW, fuse 30 kW; three live sessions share it: 30 / 3 = 10 kW each.
    const site = await aSite(dataSource, { fuseLimitKw: '30' });
    const { ac, dc, vehicle, other } = await dataSource.transaction(async (m) => {
      const upsertVehicle = new UpsertVehicleUseCase();
      return {
        ac: await anEvse(m, site, 'AC-1', { currentType: 'AC', bidirectional: true }),
        dc: await anEvse(m, site, 'DC-1', { currentType: 'DC', maxPowerKw: '50', bidirectional: true }),
        vehicle: await upsertVehicle.execute(m, { fleetId: site.fleetId, pseudonymousId: 'ev-r5', v2gCapable: true, oem: 'Renault', model: 'R5', maxAcChargeKw: PowerKw.of(11) }),
        other: await upsertVehicle.execute(m, { fleetId: site.fleetId, pseudonymousId: 'ev-other', v2gCapable: true, oem: 'Other', model: 'X' }),
      };
    });
    await dataSource.transaction(async (m) => {
      const record = new RecordV2gComplianceUseCase(new AuditLogRepository(dataSource));
      await record.execute(m, { evseId: ac, vehicleModel: { oem: 'Renault', model: 'R5' }, gridCode: 'NL:RfG', actor: SYSTEM });
      await record.execute(m, { evseId: dc, gridCode: 'NL:RfG', actor: SYSTEM });
    });
    const upsert = new UpsertExternalSessionUseCase();
    const session = (id: string, evseId: string, vehicleId: string, channel: 'ocpp' | 'ocpi') =>
      dataSource.transaction((m) =>
        upsert.execute(m, {
          party: site.party, externalSessionId: id, source: channel, lastUpdated: new Date(),
          fields: { fleetId: site.fleetId, evseId, vehicleId, arrivalAt: new Date(Date.now() - 3_600_000), energyNeedKwh: EnergyKwh.of(20), canDischarge: true, status: 'charging' },
        }),
      );
    const pair = await session('pair', ac, vehicle, 'ocpp');
    const wrongCar = await session('wrong-car', ac, other, 'ocpp');
    const viaOcpi = await session('via-ocpi', dc, vehicle, 'ocpi');
    await dataSource.transaction((m) => new RecordChannelLatencyUseCase().execute(m, 'ocpp', partyKey(site.party), 800));

    const sut = new QualifiedSessionsQuery();
    const all = await sut.execute(dataSource.manager, { fleetIds: [site.fleetId] });
    const byId = new Map(all.map((s) => [s.sessionId, s]));
    expect(byId.get(pair.sessionId)).toMatchObject({ canDischarge: true, controlChannel: 'ocpp', latencyP95Ms: 800 });
    expect(byId.get(wrongCar.sessionId)).toMatchObject({ canDischarge: false, v2g: { eligible: false, reason: 'not_compliant' } });
    // DC EVSE is compliant on its own, but OCPI 2.2.1 cannot carry a discharge command.
    expect(byId.get(viaOcpi.sessionId)).toMatchObject({ canDischarge: false, v2g: { eligible: true } });
    expect(byId.get(pair.sessionId)?.effectiveMaxPowerKw.value.toFixed()).toBe('10');
    expect(byId.get(viaOcpi.sessionId)?.effectiveMaxPowerKw.value.toFixed()).toBe('10');

    const v2g = await sut.execute(dataSource.manager, { fleetIds: [site.fleetId], requireDischarge: true });
    expect(v2g.map((s) => s.sessionId)).toEqual([pair.sessionId]);
    const fast = await sut.execute(dataSource.manager, { fleetIds: [site.fleetId], maxLatencyP95Ms: 1000 });
    expect(fast.map((s) => s.sessionId).sort()).toEqual([pair.sessionId, wrongCar.sessionId].sort());
  });

  it('keeps a running latency estimate per channel and party', async () => {
    const party = partyKey(aParty());
    const sut = new RecordChannelLatencyUseCase();
    await dataSource.transaction((m) => sut.execute(m, 'ocpi', party, 1000));
    await dataSource.transaction((m) => sut.execute(m, 'ocpi', party, 2000));
    const estimate = await channelLatencyOf(dataSource.manager, 'ocpi', party);
    // mean = 1000 + 0.2 * 1000 = 1200; p95 = 1200 + 1.645 * 400 = 1858 (see the estimator spec)
    expect(estimate).toMatchObject({ sampleCount: 2, lastMs: 2000 });
    expect(estimate?.meanMs).toBeCloseTo(1200, 6);
    expect(estimate?.p95Ms).toBeCloseTo(1858, 6);
    expect(await channelLatencyOf(dataSource.manager, 'oem', party)).toBeNull();
  });
});

function aSiteAgain(dataSource: DataSource, site: SiteFixture) {
  return dataSource.transaction((m) =>
    new UpsertExternalLocationUseCase().execute(m, {
      party: site.party, externalLocationId: 'LOC1', organisationId: site.organisationId, fleetId: site.fleetId, name: 'Depot renamed', country: 'NL',
      innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
    }),
  );
}
