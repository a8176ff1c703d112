import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuditLogEntryEntity, AuditLogRepository } from '@vpp/access';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, startAccessTestApp } from './access-test-app';

describe('audit log', () => {
  let sut: AccessTestApp;
  let operator: SeededOrganisation;

  beforeAll(async () => {
    sut = await startAccessTestApp();
    operator = await seedOrganisation(sut.dataSource, 'operator');
  });

  afterAll(async () => {
    await sut.close();
  });

  /** A client organisation onboarded through the API, with a few audited changes, and its admin's token. */
  async function onboardedClient(): Promise<{ organisationId: string; token: string }> {
    const email = `admin-${randomUUID()}@example.com`;
    const password = 'admin password 123';
    const created = await call(sut.baseUrl, 'POST', '/v1/organisations', { key: operator.key, body: { name: 'Fleet Co', kind: 'fleet_owner', country: 'DE', admin: { email, password } } });
    expect(created.status).toBe(201);
    const token = String((await call(sut.baseUrl, 'POST', '/v1/auth/token', { body: { email, password } })).body.accessToken);
    const user = await call(sut.baseUrl, 'POST', '/v1/users', { token, body: { email: `m-${randomUUID()}@example.com`, password: 'member password 1', role: 'member' } });
    expect(user.status).toBe(201);
    expect((await call(sut.baseUrl, 'POST', `/v1/users/${String(user.body.id)}/disable`, { token })).status).toBe(200);
    return { organisationId: String(created.body.id), token };
  }

  async function asDba<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: sut.config.database.url });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }

  it('records every write with before/after, pages, and verifies', async () => {
    const client = await onboardedClient();
    const page = await call(sut.baseUrl, 'GET', '/v1/audit?limit=2', { token: client.token });
    expect(page.status).toBe(200);
    const entries = page.body.entries as Array<Record<string, unknown>>;
    expect(entries.map((entry) => [entry.chainPosition, entry.action])).toEqual([[1, 'organisation.create'], [2, 'user.create']]);
    expect(entries[0]).toMatchObject({ actorOrganisationId: operator.organisationId, organisationId: client.organisationId, before: null });
    expect(page.body.nextAfter).toBe(2);
    const rest = await call(sut.baseUrl, 'GET', '/v1/audit?after=2', { token: client.token });
    expect((rest.body.entries as Array<Record<string, unknown>>).map((entry) => entry.action)).toEqual(['user.create', 'user.disable']);

    const verified = await call(sut.baseUrl, 'GET', '/v1/audit/verify', { token: client.token });
    expect(verified.body).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const client = await onboardedClient();
    await asDba(async (db) => {
      await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE organisation_id = $1`, [client.organisationId])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_log WHERE organisation_id = $1`, [client.organisationId])).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });
    expect((await call(sut.baseUrl, 'GET', '/v1/audit/verify', { token: client.token })).body).toMatchObject({ ok: true, entries: 4 });
  });

  it('detects a row edited by someone who bypassed the trigger', async () => {
    const client = await onboardedClient();
    await asDba(async (db) => {
      await db.query('BEGIN');
      // A superuser can silence ordinary triggers; the hash chain is what still tells.
      await db.query(`SET LOCAL session_replication_role = replica`);
      const edited = await db.query(
        `UPDATE audit_log SET after = jsonb_set(after, '{role}', '"admin"') WHERE organisation_id = $1 AND chain_position = 3`,
        [client.organisationId],
      );
      await db.query('COMMIT');
      expect(edited.rowCount).toBe(1);
    });
    const verified = await call(sut.baseUrl, 'GET', '/v1/audit/verify', { token: client.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ ok: false, brokenAt: 3, reason: 'hash_mismatch' });
  });

  it('detects a deleted row as a gap', async () => {
    const client = await onboardedClient();
    await asDba(async (db) => {
      await db.query('BEGIN');
      await db.query(`SET LOCAL session_replication_role = replica`);
      await db.query(`DELETE FROM audit_log WHERE organisation_id = $1 AND chain_position = 2`, [client.organisationId]);
      await db.query('COMMIT');
    });
    expect((await call(sut.baseUrl, 'GET', '/v1/audit/verify', { token: client.token })).body).toEqual({ ok: false, brokenAt: 2, reason: 'gap' });
  });

  it('keeps positions gapless under concurrent appends to one tenant', async () => {
    const org = await seedOrganisation(sut.dataSource, 'dso');
    const repository = sut.app.get(AuditLogRepository);
    const appends = Array.from({ length: 20 }, (_unused, index) =>
      repository.appendAlone({
        organisationId: org.organisationId,
        actor: { type: 'system', id: null, organisationId: null },
        onBehalfOfOrganisationId: null,
        action: 'test.concurrent',
        entityType: 'test',
        entityId: String(index),
        before: null,
        after: { index },
      }),
    );
    await Promise.all(appends);
    const rows = await sut.dataSource.getRepository(AuditLogEntryEntity).find({ where: { organisationId: org.organisationId }, order: { chainPosition: 'ASC' } });
    expect(rows.map((row) => row.chainPosition)).toEqual(Array.from({ length: 20 }, (_unused, index) => String(index + 1)));
    expect((await call(sut.baseUrl, 'GET', '/v1/audit/verify', { key: org.key })).body).toMatchObject({ ok: true, entries: 20 });
  });
});
