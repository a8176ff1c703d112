import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { siteControlChannels } from '../src/application/planning/site-plan-inputs.query';
import { siteReserveEligibility } from '../src/application/planning/plan-members';
import { PlanWorld } from './plan-fixtures';

describe("plan inputs: a site's control channels before its cars arrive", () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it("reads each steerable charge point's channel and party with the latency estimate known at known_at; history-only sites have none", async () => {
    const world = await new PlanWorld(dataSource).create();
    const cpoSite = await world.site(100);
    const evseId = await world.evse(cpoSite, 11);
    const [{ charge_point_id: chargePointId }]: { charge_point_id: string }[] = await dataSource.query(`SELECT charge_point_id FROM evses WHERE id = $1`, [evseId]);
    await dataSource.query(
      `INSERT INTO external_ids (id, entity_type, entity_id, country_code, party_id, external_id, created_at) VALUES ($1, 'charge_point', $2, 'NL', $3, $4, now())`,
      [randomUUID(), chargePointId, world.partyId, `CP-${chargePointId.slice(0, 8)}`],
    );
    const historySite = await world.site(100);
    await dataSource.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'none', now())`, [randomUUID(), historySite]);

    // The fixture's party has 10 samples of p95 60 s, measured now.
    const later = await siteControlChannels(dataSource.manager, [cpoSite, historySite], new Date(Date.now() + 3_600_000));
    expect(later.get(cpoSite)).toEqual([{ channel: 'ocpi', party: `NL*${world.partyId}`, measured: { p95Ms: 60_000, samples: 10 } }]);
    expect(later.get(historySite)).toBeUndefined();
    // Thin measurement (10 < 20 samples): the worse of it and the assumed OCPI default, aFRR only.
    expect(siteReserveEligibility(later.get(cpoSite) ?? [])).toMatchObject({ products: ['afrr'], basis: 'assumed', latencyP95Ms: 60_000 });

    // An estimate last updated after known_at was not known then: unmeasured.
    const earlier = await siteControlChannels(dataSource.manager, [cpoSite], new Date(Date.now() - 3_600_000));
    expect(earlier.get(cpoSite)).toEqual([{ channel: 'ocpi', party: `NL*${world.partyId}`, measured: null }]);
  });
});
