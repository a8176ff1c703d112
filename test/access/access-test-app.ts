import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule, ApiClientEntity, ApiKeyEntity, generateApiKey, hashSecret, OrganisationEntity, OrganisationKind, UserEntity } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { createHttpApp } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';

export interface AccessTestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/** The access module behind the production HTTP setup, on 127.0.0.1 and a random port. */
export async function startAccessTestApp(overrides: Record<string, string> = {}): Promise<AccessTestApp> {
  const config = loadConfig(overrides);
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 4 }) }),
      AccessModule,
    ],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = await createHttpApp(moduleRef, { appName: 'access-test', config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    close: () => app.close(),
  };
}

export interface SeededOrganisation {
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly apiClientId: string;
  readonly apiKeyId: string;
  /** An admin API key of the organisation. */
  readonly key: string;
}

// Cheap cost: seeding is not what is under test, and CPU is shared.
const TEST_COST = { logN: 10, r: 8, p: 1 };

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
      secretHash: await hashSecret(generated.secret, TEST_COST),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    });
  });
  return { organisationId, kind, apiClientId, apiKeyId, key: generated.plaintext };
}

export async function seedUser(dataSource: DataSource, organisationId: string, password: string, role: 'admin' | 'member' = 'member'): Promise<UserEntity> {
  const user: UserEntity = {
    id: randomUUID(),
    organisationId,
    email: `user-${randomUUID()}@example.com`,
    passwordHash: await hashSecret(password, TEST_COST),
    role,
    createdAt: new Date(),
    disabledAt: null,
  };
  await dataSource.getRepository(UserEntity).insert(user);
  return user;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { code?: string };
}

/** fetch with JSON in and out; `key` goes in X-API-Key, `token` in Authorization: Bearer. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers['x-api-key'] = options.key;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text.length > 0 ? (JSON.parse(text) as HttpResult['body']) : {};
  return { status: response.status, headers: response.headers, body };
}
