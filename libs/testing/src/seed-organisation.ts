import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiClientEntity, ApiKeyEntity, generateApiKey, hashSecret, OrganisationEntity, OrganisationKind } from '@vpp/access';

export interface SeededOrganisation {
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly apiClientId: string;
  readonly apiKeyId: string;
  /** An admin API key of the organisation. */
  readonly key: string;
}

// Cheap cost: seeding is not what is under test, and CPU is shared.
export const TEST_HASH_COST = { logN: 10, r: 8, p: 1 };

/** An organisation with an admin API client and a key, written straight to the tables. */
export async function seedOrganisation(dataSource: DataSource, kind: OrganisationKind, role: 'admin' | 'member' = 'admin'): Promise<SeededOrganisation> {
  const now = new Date();
  const organisationId = randomUUID();
  const apiClientId = randomUUID();
  const apiKeyId = randomUUID();
  const generated = generateApiKey();
  await dataSource.transaction(async (manager) => {
    await manager.insert(OrganisationEntity, { id: organisationId, name: `test ${kind} ${organisationId.slice(0, 8)}`, kind, country: 'NL', createdAt: now });
    await manager.insert(ApiClientEntity, { id: apiClientId, organisationId, name: 'test client', role, createdAt: now });
    await manager.insert(ApiKeyEntity, {
      id: apiKeyId,
      apiClientId,
      keyId: generated.keyId,
      secretHash: await hashSecret(generated.secret, TEST_HASH_COST),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    });
  });
  return { organisationId, kind, apiClientId, apiKeyId, key: generated.plaintext };
}
