import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MarkStaleSessionsUseCase, SessionEntity, UpsertExternalSessionCommand, UpsertExternalSessionUseCase } from '@vpp/fleet';
import { Decimal, EnergyKwh } from '@vpp/units';
import { SiteFixture, aParty, aSite, anEvse, openTestDataSource } from './fleet-test-kit';

// Real PostgreSQL (vpp_test): the session upsert the OCPI, OCPP and OEM adapters call, under the
// bad inputs of issue 3: colliding ids, duplicates, reordering, bad needs, silent sources.
describe(UpsertExternalSessionUseCase.name, () => {
  let dataSource: DataSource;
  let site: SiteFixture;
  let evseId: string;
  const sut = new UpsertExternalSessionUseCase();
  const t = (iso: string) => new Date(iso);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    site = await aSite(dataSource);
    evseId = await dataSource.transaction((m) => anEvse(m, site, 'EVSE-1'));
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const upsert = (command: UpsertExternalSessionCommand) => dataSource.transaction((m) => sut.execute(m, command));
  const first = (party = site.party, id = 'S1', over: Partial<UpsertExternalSessionCommand['fields']> = {}): UpsertExternalSessionCommand => ({
    party, externalSessionId: id, source: 'ocpi', lastUpdated: t('2026-03-02T08:00:00Z'), receivedAt: t('2026-03-02T08:00:01Z'),
    fields: { fleetId: site.fleetId, evseId, arrivalAt: t('2026-03-02T08:00:00Z'), expectedDepartureAt: t('2026-03-02T17:00:00Z'), energyNeedKwh: EnergyKwh.fromString('30'), status: 'charging', ...over },
  });
  const load = (id: string) => dataSource.getRepository(SessionEntity).findOneByOrFail({ id });

  it('enqueues the session\'s baseline when the source reports needs it did not hold, not on repeats of the same needs', async () => {
    const party = aParty();
    const baselineJobs = async (sessionId: string): Promise<string[]> => {
      const rows: { known_at: string }[] = await dataSource.query(
        `SELECT payload->>'knownAt' AS known_at FROM outbox WHERE job_name = 'planning.record-session-baseline' AND payload->>'sessionId' = $1 ORDER BY id`,
        [sessionId],
      );
      return rows.map((r) => r.known_at);
    };
    const { sessionId } = await upsert(first(party, 'NEEDS'));
    // A meter update repeating the same needs, then one without needs: nothing new.
    await upsert({ ...first(party, 'NEEDS'), lastUpdated: t('2026-03-02T08:05:00Z'), fields: { expectedDepartureAt: t('2026-03-02T17:00:00Z'), energyNeedKwh: EnergyKwh.fromString('30'), energyDeliveredKwh: EnergyKwh.fromString('1') } });
    await upsert({ ...first(party, 'NEEDS'), lastUpdated: t('2026-03-02T08:10:00Z'), fields: { energyDeliveredKwh: EnergyKwh.fromString('2') } });
    // The driver changes the need at the charger: known then.
    await upsert({ ...first(party, 'NEEDS'), lastUpdated: t('2026-03-02T08:20:00Z'), fields: { energyNeedKwh: EnergyKwh.fromString('24') } });
    expect(await baselineJobs(sessionId)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-02T08:20:00.000Z']);
    // A session reported without needs gets none.
    const bare = await upsert(first(party, 'BARE', { expectedDepartureAt: undefined, energyNeedKwh: undefined }));
    expect(await baselineJobs(bare.sessionId)).toEqual([]);
  });

  it('keeps two CPOs with the same session id apart', async () => {
    const a = await upsert(first(aParty('NL'), '1'));
    const b = await upsert(first(aParty('DE'), '1'));
    expect(a.outcome).toBe('created');
    expect(b.outcome).toBe('created');
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it('absorbs a duplicate PUT: one row, same content', async () => {
    const party = aParty();
    const once = await upsert(first(party));
    const twice = await upsert(first(party));
    expect(twice).toEqual({ sessionId: once.sessionId, outcome: 'updated' });
    const rows: { n: string }[] = await dataSource.query(`SELECT count(*) AS n FROM external_ids WHERE party_id = $1`, [party.partyId]);
    expect(rows[0].n).toBe('1');
    expect((await load(once.sessionId)).energyNeedKwh?.toFixed()).toBe('30');
  });

  it('never lets an older PATCH overwrite newer data (reordered delivery)', async () => {
    const party = aParty();
    const { sessionId } = await upsert(first(party));
    const newer = await upsert({ party, externalSessionId: 'S1', source: 'ocpi', lastUpdated: t('2026-03-02T09:00:00Z'), fields: { energyDeliveredKwh: EnergyKwh.fromString('10') } });
    const older = await upsert({ party, externalSessionId: 'S1', source: 'ocpi', lastUpdated: t('2026-03-02T08:30:00Z'), fields: { energyDeliveredKwh: EnergyKwh.fromString('5'), status: 'finished' } });
    expect(newer.outcome).toBe('updated');
    expect(older.outcome).toBe('ignored_older');
    const row = await load(sessionId);
    expect(row.energyDeliveredKwh.toFixed()).toBe('10');
    expect(row.status).toBe('charging');
    expect(row.externalUpdatedAt).toEqual(t('2026-03-02T09:00:00Z'));
  });

  it('serialises two concurrent first sightings into one session', async () => {
    const party = aParty();
    const [a, b] = await Promise.all([upsert(first(party, 'RACE')), upsert(first(party, 'RACE'))]);
    expect(a.sessionId).toBe(b.sessionId);
    expect([a.outcome, b.outcome].sort()).toEqual(['created', 'updated']);
  });

  it('stores a session whose departure is before arrival, flagged unusable', async () => {
    const { sessionId } = await upsert(first(aParty(), 'BAD-DEP', { expectedDepartureAt: t('2026-03-02T07:00:00Z') }));
    expect((await load(sessionId)).unusableReason).toBe('departure_before_arrival');
  });

  it('stores a zero energy need flagged unusable, and clears the flag when a real need arrives', async () => {
    const party = aParty();
    const { sessionId } = await upsert(first(party, 'ZERO', { energyNeedKwh: EnergyKwh.zero() }));
    expect((await load(sessionId)).unusableReason).toBe('zero_energy_need');
    await upsert({ party, externalSessionId: 'ZERO', source: 'ocpi', lastUpdated: t('2026-03-02T08:05:00Z'), fields: { energyNeedKwh: EnergyKwh.fromString('12.5') } });
    expect((await load(sessionId)).unusableReason).toBeNull();
  });

  it('refuses a PATCH for a session never seen, writing nothing', async () => {
    const party = aParty();
    await expect(upsert({ party, externalSessionId: 'GHOST', source: 'ocpi', lastUpdated: t('2026-03-02T08:00:00Z'), fields: { status: 'charging' } })).rejects.toMatchObject({
      code: 'INCOMPLETE_SESSION',
    });
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM external_ids WHERE party_id = $1`, [party.partyId]);
    expect(rows).toHaveLength(0);
  });

  it('never reopens a finished session, and the failed update leaves the row as it was', async () => {
    const party = aParty();
    const { sessionId } = await upsert(first(party, 'DONE', { status: 'finished', actualDepartureAt: t('2026-03-02T12:00:00Z') }));
    await expect(upsert({ party, externalSessionId: 'DONE', source: 'ocpi', lastUpdated: t('2026-03-02T13:00:00Z'), fields: { status: 'charging' } })).rejects.toMatchObject({
      code: 'INVALID_SESSION_TRANSITION',
    });
    const row = await load(sessionId);
    expect(row.status).toBe('finished');
    expect(row.externalUpdatedAt).toEqual(t('2026-03-02T08:00:00Z'));
  });

  describe('with our session id given by the caller (the OCPI PATCH hot path)', () => {
    const patch = (party: UpsertExternalSessionCommand['party'], sessionId: string, lastUpdated: string, fields: UpsertExternalSessionCommand['fields']): UpsertExternalSessionCommand => ({
      party, externalSessionId: 'unused-with-session-id', sessionId, source: 'ocpi', lastUpdated: t(lastUpdated), receivedAt: t(lastUpdated), fields,
    });

    it('updates the row in order: newer applies, older is ignored, PATCH semantics per field', async () => {
      const party = aParty();
      const { sessionId } = await upsert(first(party, 'KNOWN'));
      const newer = await upsert(patch(party, sessionId, '2026-03-02T09:00:00Z', { energyDeliveredKwh: EnergyKwh.fromString('7.25'), expectedDepartureAt: null }));
      const older = await upsert(patch(party, sessionId, '2026-03-02T08:30:00Z', { energyDeliveredKwh: EnergyKwh.fromString('5'), status: 'finished' }));
      const duplicate = await upsert(patch(party, sessionId, '2026-03-02T09:00:00Z', { energyDeliveredKwh: EnergyKwh.fromString('7.25') }));
      expect([newer.outcome, older.outcome, duplicate.outcome]).toEqual(['updated', 'ignored_older', 'updated']);
      const row = await load(sessionId);
      expect(row.energyDeliveredKwh.toFixed()).toBe('7.25');
      expect(row.expectedDepartureAt).toBeNull();
      expect(row.energyNeedKwh?.toFixed()).toBe('30');
      expect(row.status).toBe('charging');
      expect(row.externalUpdatedAt).toEqual(t('2026-03-02T09:00:00Z'));
      expect(row.lastSeenAt).toEqual(t('2026-03-02T09:00:00Z'));
    });

    it('keeps last_seen_at at the latest receipt when a late message arrives', async () => {
      const party = aParty();
      const { sessionId } = await upsert({ ...first(party, 'LATE'), receivedAt: t('2026-03-02T10:00:00Z') });
      await upsert(patch(party, sessionId, '2026-03-02T08:10:00Z', { energyDeliveredKwh: EnergyKwh.fromString('1') }));
      const row = await load(sessionId);
      expect(row.lastSeenAt).toEqual(t('2026-03-02T10:00:00Z'));
      expect(row.energyDeliveredKwh.toFixed()).toBe('1');
    });

    it('never reopens a finished session, leaving the row as it was', async () => {
      const party = aParty();
      const { sessionId } = await upsert(first(party, 'KNOWN-DONE', { status: 'finished' }));
      await expect(upsert(patch(party, sessionId, '2026-03-02T13:00:00Z', { status: 'charging' }))).rejects.toMatchObject({ code: 'INVALID_SESSION_TRANSITION' });
      const row = await load(sessionId);
      expect(row.status).toBe('finished');
      expect(row.externalUpdatedAt).toEqual(t('2026-03-02T08:00:00Z'));
      expect((await upsert(patch(party, sessionId, '2026-03-02T13:00:00Z', { energyDeliveredKwh: EnergyKwh.fromString('20') }))).outcome).toBe('updated');
      expect((await load(sessionId)).status).toBe('finished');
    });

    it('recomputes the unusable flag from the merged row, stored SoCs included', async () => {
      const party = aParty();
      const { sessionId } = await upsert(first(party, 'FLAGS'));
      await upsert(patch(party, sessionId, '2026-03-02T08:01:00Z', { energyNeedKwh: EnergyKwh.zero() }));
      expect((await load(sessionId)).unusableReason).toBe('zero_energy_need');
      await upsert(patch(party, sessionId, '2026-03-02T08:02:00Z', { energyNeedKwh: null, expectedDepartureAt: t('2026-03-02T07:59:00Z') }));
      expect((await load(sessionId)).unusableReason).toBe('departure_before_arrival');
      await upsert(patch(party, sessionId, '2026-03-02T08:03:00Z', { expectedDepartureAt: t('2026-03-02T18:00:00Z'), targetSocPct: new Decimal('50'), minSocPct: new Decimal('60') }));
      expect((await load(sessionId)).unusableReason).toBe('min_soc_above_target');
      await upsert(patch(party, sessionId, '2026-03-02T08:04:00Z', { energyDeliveredKwh: EnergyKwh.fromString('2') }));
      expect((await load(sessionId)).unusableReason).toBe('min_soc_above_target');
      await upsert(patch(party, sessionId, '2026-03-02T08:05:00Z', { minSocPct: null }));
      expect((await load(sessionId)).unusableReason).toBeNull();
    });

    it('refuses an out-of-range SoC, writing nothing', async () => {
      const party = aParty();
      const { sessionId } = await upsert(first(party, 'SOC'));
      await expect(upsert(patch(party, sessionId, '2026-03-02T09:00:00Z', { targetSocPct: new Decimal('120'), energyDeliveredKwh: EnergyKwh.fromString('4') }))).rejects.toMatchObject({ code: 'INVALID_SOC' });
      expect((await load(sessionId)).energyDeliveredKwh.toFixed()).toBe('0');
    });

    it('fails on an id we do not hold, creating nothing', async () => {
      const party = aParty();
      await expect(upsert(patch(party, randomUUID(), '2026-03-02T09:00:00Z', { status: 'charging' }))).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      const rows: unknown[] = await dataSource.query(`SELECT 1 FROM external_ids WHERE party_id = $1`, [party.partyId]);
      expect(rows).toHaveLength(0);
    });
  });

  describe(MarkStaleSessionsUseCase.name, () => {
    const mark = new MarkStaleSessionsUseCase();

    it('marks only live sessions silent for the configured time, once, and lets fresh data revive them', async () => {
      const party = aParty();
      const silent = await upsert({ ...first(party, 'SILENT'), receivedAt: t('2026-03-02T08:00:00Z') });
      const chatty = await upsert({ ...first(party, 'CHATTY'), receivedAt: t('2026-03-02T08:50:00Z') });
      const finished = await upsert({ ...first(party, 'FINISHED', { status: 'finished' }), receivedAt: t('2026-03-02T07:00:00Z') });

      const now = t('2026-03-02T09:00:00Z');
      const marked = await dataSource.transaction((m) => mark.execute(m, now, 60, [site.fleetId]));
      expect(marked).toContain(silent.sessionId);
      expect(marked).not.toContain(chatty.sessionId);
      expect(marked).not.toContain(finished.sessionId);
      expect((await load(silent.sessionId)).status).toBe('stale');
      expect((await load(finished.sessionId)).status).toBe('finished');

      const again = await dataSource.transaction((m) => mark.execute(m, now, 60, [site.fleetId]));
      expect(again).toEqual([]);

      await upsert({ party, externalSessionId: 'SILENT', source: 'ocpi', lastUpdated: t('2026-03-02T09:10:00Z'), receivedAt: t('2026-03-02T09:10:00Z'), fields: { energyDeliveredKwh: EnergyKwh.fromString('3') } });
      expect((await load(silent.sessionId)).status).toBe('plugged_in');
    });
  });
});
