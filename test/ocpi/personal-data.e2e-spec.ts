import { randomBytes } from 'node:crypto';
import { Pseudonymiser, PrivacyModule } from '@vpp/privacy';
import { locationOf, ocpiTime, sessionOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { call } from '../access/access-test-app';
import { aPartyId, issueTokenA, OcpiTestApp, realSessions, startOcpiTestApp } from './ocpi-test-app';

jest.setTimeout(60_000);

interface ExportBody {
  sources: { context: string; table: string; present: boolean; rows: Record<string, unknown>[] }[];
}

const suffix = randomBytes(4).toString('hex');

describe('OCPI personal data: token uids are stored as pseudonyms, found by export and unlinked by erase', () => {
  let test: OcpiTestApp;
  let cpo: SimulatedCpo;
  const partyId = aPartyId();
  const [mine, theirs] = realSessions(2);
  const t0 = new Date('2026-11-25T10:00:00Z');
  const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);
  // Raw identifiers of two drivers, as a CPO sends them; none of them may be stored anywhere.
  const driver = { uid: `RFID-${suffix}-D`, contractId: `NL-XYZ-C${suffix}D`, authorizationReference: `AUTH-${suffix}-D` };
  const other = { uid: `RFID-${suffix}-O`, contractId: `NL-XYZ-C${suffix}O`, authorizationReference: `AUTH-${suffix}-O` };
  const raw = [driver.uid, driver.contractId, driver.authorizationReference, other.uid, other.contractId, other.authorizationReference];

  function sessionWithToken(session: typeof mine, person: typeof driver, minutes: number): Record<string, unknown> {
    return {
      ...sessionOf(cpo.identity, session, 'ACTIVE', '0', at(minutes)),
      cdr_token: { country_code: 'NL', party_id: partyId, uid: person.uid, type: 'RFID', contract_id: person.contractId },
      authorization_reference: person.authorizationReference,
    };
  }

  function cdrOf(session: typeof mine, person: typeof driver): Record<string, unknown> {
    return {
      country_code: 'NL', party_id: partyId, id: `CDR-${session.sessionId}-${suffix}`, start_date_time: ocpiTime(at(0)), end_date_time: ocpiTime(at(30)),
      session_id: session.sessionId, cdr_token: { country_code: 'NL', party_id: partyId, uid: person.uid, type: 'RFID', contract_id: person.contractId },
      auth_method: 'WHITELIST', authorization_reference: person.authorizationReference,
      cdr_location: {
        id: session.locationId, address: 'Stationsplein 1', city: 'Arnhem', country: 'NLD', coordinates: { latitude: '51.98471', longitude: '5.89832' },
        evse_uid: session.evseUid, evse_id: 'NL*XYZ*E1', connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR', charging_periods: [{ start_date_time: ocpiTime(at(0)), dimensions: [{ type: 'ENERGY', volume: 4.25 }] }],
      total_cost: { excl_vat: 1.7 }, total_energy: 4.25, total_time: 0.5, last_updated: ocpiTime(at(31)),
    };
  }

  /** Every row of every table of the (test's own) database, as text. */
  async function wholeDatabase(): Promise<string> {
    const tables: { table_name: string }[] = await test.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const texts: string[] = [];
    for (const { table_name: table } of tables) {
      const rows: { t: string }[] = await test.dataSource.query(`SELECT t::text AS t FROM "${table}" t`);
      texts.push(...rows.map((row) => row.t));
    }
    return texts.join('\n');
  }

  async function tokenHashes(): Promise<{ table: string; key: string; token_uid_hash: string | null }[]> {
    return test.dataSource.query(
      `SELECT 'ocpi_sessions' AS table, session_id AS key, token_uid_hash FROM ocpi_sessions
       UNION ALL SELECT 'ocpi_cdrs', cdr_id, token_uid_hash FROM ocpi_cdrs ORDER BY 1, 2`,
    );
  }

  beforeAll(async () => {
    test = await startOcpiTestApp('ocpi_personal_data', {}, [PrivacyModule]);
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: 'Privacy CPO', commandLatencyMs: 30, ignoreShare: 0 });
    await cpo.start();
    const issued = await issueTokenA(test, 'NL', partyId);
    await cpo.register(issued.versionsUrl, issued.tokenA);
    for (const session of [mine, theirs]) {
      const located = await cpo.send('PUT', `locations/${cpo.pathOf(session.locationId)}`, locationOf(cpo.identity, session.locationId, [session.evseUid], at(0)));
      expect(located.status).toBe(200);
    }
  });

  afterAll(async () => {
    await cpo.stop();
    await test.close();
  });

  it('stores the keyed hash of the token uid, and no uid, contract id or authorization reference in any table', async () => {
    for (const [session, person] of [[mine, driver], [theirs, other]] as const) {
      expect((await cpo.send('PUT', `sessions/${cpo.pathOf(session.sessionId)}`, sessionWithToken(session, person, 1))).status).toBe(200);
      expect((await cpo.send('PATCH', `sessions/${cpo.pathOf(session.sessionId)}`, { kwh: 2.5, last_updated: ocpiTime(at(2)) })).status).toBe(200);
      expect((await cpo.send('POST', 'cdrs', cdrOf(session, person))).status).toBe(201);
    }
    const pseudonymiser = test.app.get(Pseudonymiser, { strict: false });

    const stored = await wholeDatabase();

    // The dump must hold the sessions at all, or the absence checks below prove nothing.
    expect(stored).toContain(mine.sessionId);
    expect(stored).toContain(theirs.sessionId);
    for (const value of raw) expect(stored).not.toContain(value);
    const mineHash = pseudonymiser.pseudonymise('ocpi-token', driver.uid);
    const theirsHash = pseudonymiser.pseudonymise('ocpi-token', other.uid);
    expect(await tokenHashes()).toEqual([
      { table: 'ocpi_cdrs', key: `CDR-${mine.sessionId}-${suffix}`, token_uid_hash: mineHash },
      { table: 'ocpi_cdrs', key: `CDR-${theirs.sessionId}-${suffix}`, token_uid_hash: theirsHash },
      { table: 'ocpi_sessions', key: mine.sessionId, token_uid_hash: mineHash },
      { table: 'ocpi_sessions', key: theirs.sessionId, token_uid_hash: theirsHash },
    ].sort((a, b) => `${a.table}/${a.key}`.localeCompare(`${b.table}/${b.key}`)));
    // The PATCH merged into the stored form: the session is still complete apart from the token identifiers.
    const read = await cpo.send('GET', `sessions/${cpo.pathOf(mine.sessionId)}`);
    expect(read.body?.data).toMatchObject({ id: mine.sessionId, kwh: 2.5, cdr_token: { country_code: 'NL', party_id: partyId, type: 'RFID' } });
    expect(read.body?.data).not.toHaveProperty('cdr_token.uid');
  });

  it('finds the driver\'s OCPI session and CDR by export, and erase unlinks them and nothing of the other driver', async () => {
    const identifiers = [{ kind: 'ocpi-token', value: driver.uid }];
    const ids: { id: string; session_id: string }[] = await test.dataSource.query(`SELECT id, session_id FROM ocpi_sessions WHERE session_id = $1`, [mine.sessionId]);
    const cdrIds: { id: string }[] = await test.dataSource.query(`SELECT id FROM ocpi_cdrs WHERE cdr_id = $1`, [`CDR-${mine.sessionId}-${suffix}`]);

    const exported = await call(test.baseUrl, 'POST', '/v1/personal-data/export', { key: test.operator.key, body: { identifiers } });

    expect(exported.status).toBe(200);
    const byTable = Object.fromEntries((exported.body as unknown as ExportBody).sources.map((source) => [source.table, source]));
    expect(byTable.ocpi_sessions).toMatchObject({ present: true });
    expect(byTable.ocpi_sessions.rows.map((row) => row.id)).toEqual([ids[0].id]);
    expect(byTable.ocpi_cdrs.rows.map((row) => row.id)).toEqual([cdrIds[0].id]);
    for (const value of raw) expect(JSON.stringify(exported.body)).not.toContain(value);

    const before = await tokenHashes();
    const erased = await call(test.baseUrl, 'POST', '/v1/personal-data/erase', { key: test.operator.key, body: { identifiers } });

    expect(erased.status).toBe(200);
    expect(erased.body.sources).toEqual(
      expect.arrayContaining([
        { context: 'ocpi', table: 'ocpi_sessions', action: 'unlink', present: true, rows: 1 },
        { context: 'ocpi', table: 'ocpi_cdrs', action: 'unlink', present: true, rows: 1 },
      ]),
    );
    const mineKeys = [mine.sessionId, `CDR-${mine.sessionId}-${suffix}`];
    expect(await tokenHashes()).toEqual(before.map((row) => (mineKeys.includes(row.key) ? { ...row, token_uid_hash: null } : row)));
    // A later PATCH without a token keeps the session unlinked; the settlement data stays.
    expect((await cpo.send('PATCH', `sessions/${cpo.pathOf(mine.sessionId)}`, { kwh: 3, last_updated: ocpiTime(at(3)) })).status).toBe(200);
    const after: { token_uid_hash: string | null; energy_kwh: string }[] = await test.dataSource.query(
      `SELECT token_uid_hash, energy_kwh FROM ocpi_sessions WHERE session_id = $1`,
      [mine.sessionId],
    );
    expect(after).toEqual([{ token_uid_hash: null, energy_kwh: '3.000000' }]);
    const again = await call(test.baseUrl, 'POST', '/v1/personal-data/export', { key: test.operator.key, body: { identifiers } });
    const againSources = (again.body as unknown as ExportBody).sources;
    expect(againSources.map((source) => source.table)).toEqual(expect.arrayContaining(['ocpi_sessions', 'ocpi_cdrs']));
    expect(againSources.every((source) => source.rows.length === 0)).toBe(true);
  });
});
