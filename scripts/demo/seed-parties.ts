import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiClientEntity, ApiKeyEntity, apiKeyExpiry, AuditLogRepository, generateApiKey, hashSecret, OrganisationEntity, type OrganisationKind } from '@vpp/access';
import { callApi } from './http-client';

export interface Party {
  readonly role: string;
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  /** An admin API key of the organisation (kept in memory and in the run's own database only). */
  readonly key: string;
}

export interface Parties {
  readonly operator: Party;
  readonly fleetOwners: readonly [Party, Party];
  readonly cpos: readonly [Party, Party, Party];
  readonly oem: Party;
  readonly brp: Party;
  readonly dso: Party;
}

const SYSTEM = { type: 'system', id: null, organisationId: null } as const;

/**
 * The aggregator itself, bootstrapped as scripts/create-operator.ts does it (no API exists before
 * the first operator): organisation, admin API client and key, each audited as the system.
 */
async function bootstrapOperator(dataSource: DataSource, ttlDays: number): Promise<Party> {
  const key = generateApiKey();
  const secretHash = await hashSecret(key.secret);
  const ids = { organisation: randomUUID(), client: randomUUID(), key: randomUUID() };
  const name = 'Demo aggregator';
  const audit = new AuditLogRepository(dataSource);
  await dataSource.transaction(async (manager) => {
    const now = new Date();
    const expiresAt = apiKeyExpiry(now, ttlDays);
    await manager.insert(OrganisationEntity, { id: ids.organisation, name, kind: 'operator', country: 'NL', createdAt: now });
    await manager.insert(ApiClientEntity, { id: ids.client, organisationId: ids.organisation, name: 'demo', role: 'admin', createdAt: now });
    await manager.insert(ApiKeyEntity, { id: ids.key, apiClientId: ids.client, keyId: key.keyId, secretHash, createdAt: now, expiresAt, revokedAt: null, lastUsedAt: null });
    const base = { organisationId: ids.organisation, actor: SYSTEM, onBehalfOfOrganisationId: null, before: null };
    await audit.append(manager, { ...base, action: 'organisation.create', entityType: 'organisation', entityId: ids.organisation, after: { name, kind: 'operator', country: 'NL' } });
    await audit.append(manager, { ...base, action: 'api_client.create', entityType: 'api_client', entityId: ids.client, after: { name: 'demo', role: 'admin' } });
    await audit.append(manager, { ...base, action: 'api_key.create', entityType: 'api_key', entityId: ids.key, after: { keyId: key.keyId, expiresAt: expiresAt.toISOString() } });
  });
  return { role: 'aggregator operator', organisationId: ids.organisation, kind: 'operator', name, key: key.plaintext };
}

/** As the operator onboards a client: the organisation with its first admin (POST /v1/organisations), who logs in and makes an API key. */
export async function onboard(baseUrl: string, operatorKey: string, role: string, name: string, kind: OrganisationKind): Promise<Party> {
  const email = `admin@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.demo.example`;
  const password = randomBytes(18).toString('base64url');
  const organisation = await callApi<{ id: string }>(baseUrl, 'POST', '/v1/organisations', { key: operatorKey }, { name, kind, country: 'NL', admin: { email, password } }, [201]);
  const { accessToken } = await callApi<{ accessToken: string }>(baseUrl, 'POST', '/v1/auth/token', {}, { email, password }, [200]);
  const client = await callApi<{ id: string }>(baseUrl, 'POST', '/v1/api-clients', { bearer: accessToken }, { name: 'demo', role: 'admin' }, [201]);
  const key = await callApi<{ key: string }>(baseUrl, 'POST', `/v1/api-clients/${client.id}/keys`, { bearer: accessToken }, {}, [201]);
  return { role, organisationId: organisation.id, kind, name, key: key.key };
}

/** The parties of issue 8: the aggregator, two fleet owners, three CPOs, one OEM, one BRP, one DSO, each with an admin API key. */
export async function seedParties(dataSource: DataSource, baseUrl: string, ttlDays: number): Promise<Parties> {
  const operator = await bootstrapOperator(dataSource, ttlDays);
  const party = (role: string, name: string, kind: OrganisationKind): Promise<Party> => onboard(baseUrl, operator.key, role, name, kind);
  const fleetOwners = [await party('fleet owner', 'Demo Fleet Owner Amsterdam', 'fleet_owner'), await party('fleet owner', 'Demo Fleet Owner Utrecht', 'fleet_owner')] as const;
  const cpos = [await party('CPO', 'Demo CPO Alpha', 'cpo'), await party('CPO', 'Demo CPO Bravo', 'cpo'), await party('CPO', 'Demo CPO Charlie', 'cpo')] as const;
  return {
    operator,
    fleetOwners,
    cpos,
    oem: await party('OEM', 'Demo OEM Cloud', 'oem'),
    brp: await party('BRP', 'Demo BRP', 'brp'),
    dso: await party('DSO', 'Demo DSO', 'dso'),
  };
}
