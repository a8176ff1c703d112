import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { FleetApiModule, withEanCheckDigit } from '@vpp/fleet';
import { baseUrlOf, databaseModules, startHttpTestApp } from '@vpp/testing';
import { call, HttpResult } from '../access/access-test-app';

export interface FleetApiTestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The api app's fleet routes behind the production HTTP setup (auth guard, problem+json) on the
 * shared test database: this module runs no relay or worker, so no other test's jobs move.
 */
export async function startFleetApiTestApp(): Promise<FleetApiTestApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app: NestFastifyApplication = await startHttpTestApp([...databaseModules(4), AccessModule, FleetApiModule], { appName: 'fleet-api-test', config });
  return { app, baseUrl: baseUrlOf(app), dataSource: app.get<DataSource>(getDataSourceToken()), close: () => app.close() };
}

/** A random valid EAN (GS1 check digit) and the same EAN with its check digit broken. */
export function eans(): { valid: string; badCheckDigit: string } {
  const data = `871${Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('')}`;
  const valid = withEanCheckDigit(data);
  const check = Number.parseInt(valid.slice(-1), 10);
  return { valid, badCheckDigit: `${data}${(check + 1) % 10}` };
}

export type Caller = (method: string, path: string, body?: unknown) => Promise<HttpResult>;

export function callerFor(baseUrl: string, key: string): Caller {
  return (method, path, body) => call(baseUrl, method, path, { key, body });
}
