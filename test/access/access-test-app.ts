import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule, hashSecret, UserEntity } from '@vpp/access';
import { AppConfig, loadConfig } from '@vpp/config';
import { baseUrlOf, databaseModules, startHttpTestApp, TEST_HASH_COST } from '@vpp/testing';

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
  const app = await startHttpTestApp([...databaseModules(4), AccessModule], { appName: 'access-test', config });
  return {
    app,
    baseUrl: baseUrlOf(app),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    close: () => app.close(),
  };
}

// Seeding lives in @vpp/testing (libs' own tests use it too); re-exported for the tests that import it from here.
export { seedOrganisation, type SeededOrganisation } from '@vpp/testing';

export async function seedUser(dataSource: DataSource, organisationId: string, password: string, role: 'admin' | 'member' = 'member'): Promise<UserEntity> {
  const user: UserEntity = {
    id: randomUUID(),
    organisationId,
    email: `user-${randomUUID()}@example.com`,
    passwordHash: await hashSecret(password, TEST_HASH_COST),
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
