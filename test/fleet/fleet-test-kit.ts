import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase, withEanCheckDigit } from '@vpp/fleet';
import { createDataSource } from '@vpp/persistence';
import { PowerKw } from '@vpp/units';

/** A data source on the migrated test database (vpp_test). */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = createDataSource(loadConfig(), { poolSize: 4 });
  await dataSource.initialize();
  return dataSource;
}

/** A fresh organisation of its own, so parallel test files never share fleet data. */
export async function anOrganisation(dataSource: DataSource, kind: 'fleet_owner' | 'cpo' = 'fleet_owner', country = 'NL'): Promise<string> {
  const id = randomUUID();
  await dataSource.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, $3, $4, now())`, [id, `fleet-test-${id}`, kind, country]);
  return id;
}

/** A party id unique to this run (party ids are global keys of external_ids). */
export function aParty(countryCode = 'NL'): { countryCode: string; partyId: string } {
  return { countryCode, partyId: `T${randomUUID().replace(/-/g, '').slice(0, 12)}` };
}

/** A random valid EAN (871 prefix, random data digits, correct check digit). */
export function anEan(): string {
  const digits = Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('');
  return withEanCheckDigit(`871${digits}`);
}

export interface SiteFixture {
  readonly organisationId: string;
  readonly fleetId: string;
  readonly siteId: string;
  readonly party: { countryCode: string; partyId: string };
}

/** An organisation, a fleet and a site with a grid connection, all in one transaction. */
export async function aSite(dataSource: DataSource, over: { country?: string; importLimitKw?: string; fuseLimitKw?: string | null } = {}): Promise<SiteFixture> {
  const organisationId = await anOrganisation(dataSource);
  const party = aParty();
  return dataSource.transaction(async (manager) => {
    const fleetId = await new EnsureFleetUseCase().execute(manager, { organisationId, name: 'test fleet' });
    const { siteId } = await new UpsertExternalLocationUseCase().execute(manager, {
      party, externalLocationId: 'LOC1', organisationId, fleetId, name: 'Depot', country: over.country ?? 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
      gridConnection: {
        ean: anEan(), importLimitKw: PowerKw.fromString(over.importLimitKw ?? '100'), exportLimitKw: PowerKw.fromString('50'),
        fuseLimitKw: over.fuseLimitKw === undefined || over.fuseLimitKw === null ? null : PowerKw.fromString(over.fuseLimitKw), dso: 'Stedin', congestionArea: null,
      },
    });
    return { organisationId, fleetId, siteId, party };
  });
}

/** An EVSE at the site, known to the site's party as `externalEvseId`. */
export async function anEvse(
  manager: EntityManager,
  site: SiteFixture,
  externalEvseId: string,
  over: { currentType?: 'AC' | 'DC'; maxPowerKw?: string; bidirectional?: boolean } = {},
): Promise<string> {
  const { evseId } = await new UpsertExternalEvseUseCase().execute(manager, {
    party: site.party, siteId: site.siteId, externalChargePointId: `CP-${externalEvseId}`,
    chargePoint: { protocol: 'ocpp', ocppVersion: '2.1', vendor: null, model: null }, externalEvseId,
    currentType: over.currentType ?? 'AC', phases: 3, maxPowerKw: PowerKw.fromString(over.maxPowerKw ?? '22'), bidirectional: over.bidirectional ?? false, iso15118_20: false,
  });
  return evseId;
}
