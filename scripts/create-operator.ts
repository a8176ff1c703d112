// Bootstrap for the first operator: creates an operator organisation, its admin user and an admin
// API client, and prints the API key (and a generated password) once. Audited as actor "system".
// Run: npx ts-node --transpile-only -r tsconfig-paths/register scripts/create-operator.ts \
//        --name "Our VPP" --email admin@example.com [--country NL] [--password <password>]
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  ApiClientEntity,
  ApiKeyEntity,
  apiKeyExpiry,
  AuditLogRepository,
  AuditRecord,
  generateApiKey,
  hashSecret,
  OrganisationEntity,
  UserEntity,
} from '@vpp/access';
import { loadConfigOrExit } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import type { EntityManager } from 'typeorm';

const SYSTEM = { type: 'system', id: null, organisationId: null } as const;

function options(): { name: string; country: string; email: string; password: string | undefined } {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, country: { type: 'string', default: 'NL' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.name || !values.email) {
    process.stderr.write('usage: create-operator --name <name> --email <admin email> [--country NL] [--password <password>]\n');
    process.exit(64);
  }
  return { name: values.name, country: values.country ?? 'NL', email: values.email.toLowerCase(), password: values.password };
}

interface Bootstrap {
  readonly args: ReturnType<typeof options>;
  readonly passwordHash: string;
  readonly secretHash: string;
  readonly keyId: string;
  readonly ttlDays: number;
}

type Ids = { organisation: string; user: string; client: string; key: string };

async function insertOperator(manager: EntityManager, audit: AuditLogRepository, input: Bootstrap, ids: Ids): Promise<void> {
  const { args } = input;
  const now = new Date();
  const expiresAt = apiKeyExpiry(now, input.ttlDays);
  await manager.insert(OrganisationEntity, { id: ids.organisation, name: args.name, kind: 'operator', country: args.country, createdAt: now });
  await manager.insert(UserEntity, { id: ids.user, organisationId: ids.organisation, email: args.email, passwordHash: input.passwordHash, role: 'admin', createdAt: now, disabledAt: null });
  await manager.insert(ApiClientEntity, { id: ids.client, organisationId: ids.organisation, name: 'bootstrap', role: 'admin', createdAt: now });
  await manager.insert(ApiKeyEntity, { id: ids.key, apiClientId: ids.client, keyId: input.keyId, secretHash: input.secretHash, createdAt: now, expiresAt, revokedAt: null, lastUsedAt: null });
  const entries: Array<Pick<AuditRecord, 'action' | 'entityType' | 'entityId' | 'after'>> = [
    { action: 'organisation.create', entityType: 'organisation', entityId: ids.organisation, after: { name: args.name, kind: 'operator', country: args.country } },
    { action: 'user.create', entityType: 'user', entityId: ids.user, after: { email: args.email, role: 'admin' } },
    { action: 'api_client.create', entityType: 'api_client', entityId: ids.client, after: { name: 'bootstrap', role: 'admin' } },
    { action: 'api_key.create', entityType: 'api_key', entityId: ids.key, after: { keyId: input.keyId, expiresAt: expiresAt.toISOString() } },
  ];
  for (const entry of entries) {
    await audit.append(manager, { organisationId: ids.organisation, actor: SYSTEM, onBehalfOfOrganisationId: null, before: null, ...entry });
  }
}

async function main(): Promise<void> {
  const args = options();
  const config = loadConfigOrExit();
  const password = args.password ?? randomBytes(18).toString('base64url');
  const key = generateApiKey();
  const input: Bootstrap = { args, passwordHash: await hashSecret(password), secretHash: await hashSecret(key.secret), keyId: key.keyId, ttlDays: config.auth.apiKeyDefaultTtlDays };
  const ids: Ids = { organisation: randomUUID(), user: randomUUID(), client: randomUUID(), key: randomUUID() };
  const dataSource = createDataSource(config, { poolSize: 1 });
  await dataSource.initialize();
  try {
    const audit = new AuditLogRepository(dataSource);
    await dataSource.transaction((manager) => insertOperator(manager, audit, input, ids));
  } finally {
    await dataSource.destroy();
  }
  process.stdout.write(
    [
      `operator organisation ${ids.organisation} (${args.name}) created`,
      `admin user: ${args.email}${args.password ? '' : `  password: ${password}`}`,
      `admin API key (shown once, store it now): ${key.plaintext}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`create-operator failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
