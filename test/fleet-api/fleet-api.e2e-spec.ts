import { randomBytes } from 'node:crypto';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { RecordChannelLatencyUseCase, UpsertExternalSessionUseCase } from '@vpp/fleet';
import { AuthenticateStationUseCase } from '@vpp/ocpp/application/authenticate-station.use-case';
import { Caller, callerFor, eans, FleetApiTestApp, startFleetApiTestApp } from './fleet-api-test-app';

const HOUR = 3_600_000;

type Json = Record<string, unknown>;

describe('fleet operator API (/v1): fleets, sites, charge points, vehicles, V2G compliance, sessions', () => {
  let sut: FleetApiTestApp;
  let owner: SeededOrganisation;
  let as: Caller;
  const tag = randomBytes(4).toString('hex');
  const stationId = `DEPOT-${tag}`;
  const password = `station-secret-${tag}`;
  let fleetId: string;
  let siteId: string;
  let ean: string;
  let chargePoint: Json & { evses: (Json & { id: string; evseNumber: number })[] };
  let dcChargePointId: string;
  let vehicleId: string;
  let otherVehicleId: string;
  let sessionIds: string[];

  /** Every asset row of the owner's organisation: equal before and after means nothing was written. */
  async function snapshot(): Promise<string> {
    const org = owner.organisationId;
    const parts: unknown[] = [];
    for (const sql of [
      `SELECT * FROM fleets WHERE organisation_id = $1 ORDER BY id`,
      `SELECT * FROM sites WHERE organisation_id = $1 ORDER BY id`,
      `SELECT g.* FROM grid_connections g JOIN sites s ON s.id = g.site_id WHERE s.organisation_id = $1 ORDER BY g.id`,
      `SELECT c.* FROM charge_points c JOIN sites s ON s.id = c.site_id WHERE s.organisation_id = $1 ORDER BY c.id`,
      `SELECT e.* FROM evses e JOIN sites s ON s.id = e.site_id WHERE s.organisation_id = $1 ORDER BY e.id`,
      `SELECT v.* FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE f.organisation_id = $1 ORDER BY v.id`,
      `SELECT x.* FROM v2g_compliance x JOIN evses e ON e.id = x.evse_id JOIN sites s ON s.id = e.site_id WHERE s.organisation_id = $1 ORDER BY x.id`,
      `SELECT id, station_id, password_hash FROM ocpp_stations WHERE organisation_id = $1 ORDER BY id`,
      `SELECT * FROM external_ids WHERE party_id = $1::text ORDER BY id`,
      `SELECT chain_position FROM audit_log WHERE organisation_id = $1 ORDER BY chain_position`,
    ]) {
      parts.push(await sut.dataSource.query(sql, [org]));
    }
    return JSON.stringify(parts);
  }

  beforeAll(async () => {
    sut = await startFleetApiTestApp();
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    as = callerFor(sut.baseUrl, owner.key);
    ean = eans().valid;
  });

  afterAll(async () => {
    await sut.close();
  });

  describe('happy paths and idempotent retries', () => {
    it('creates a fleet; the same name again answers the same fleet with 200', async () => {
      const created = await as('POST', '/v1/fleets', { name: `depot fleet ${tag}` });
      expect(created.status).toBe(201);
      fleetId = created.body.id as string;
      const again = await as('POST', '/v1/fleets', { name: `depot fleet ${tag}` });
      expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: fleetId });
      const list = await as('GET', '/v1/fleets');
      expect((list.body as unknown as Json[]).map((f) => f.id)).toEqual([fleetId]);
      expect((await as('GET', `/v1/fleets/${fleetId}`)).body).toMatchObject({ id: fleetId, name: `depot fleet ${tag}` });
    });

    it('creates a depot site with its grid connection; a retry with the reference answers it, other values are refused', async () => {
      const body = {
        name: 'Depot Noord', reference: `depot-${tag}`, country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
        gridConnection: { ean, importLimitKw: '150', exportLimitKw: '100.5', fuseLimitKw: '200', dso: 'Liander', congestionArea: 'NL-GOPACS-1' },
      };
      const created = await as('POST', `/v1/fleets/${fleetId}/sites`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        fleetId, reference: `depot-${tag}`, innovationCluster: 'depot',
        gridConnection: { ean, importLimitKw: '150', exportLimitKw: '100.5', fuseLimitKw: '200', dso: 'Liander', congestionArea: 'NL-GOPACS-1' },
      });
      siteId = created.body.id as string;

      const retry = await as('POST', `/v1/fleets/${fleetId}/sites`, body);
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: siteId });
      const conflicting = await as('POST', `/v1/fleets/${fleetId}/sites`, { ...body, name: 'Depot Zuid' });
      expect({ status: conflicting.status, code: conflicting.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
      expect((await as('GET', `/v1/fleets/${fleetId}/sites`)).body).toEqual([retry.body]);
      expect((await as('GET', `/v1/sites/${siteId}`)).body).toEqual(retry.body);
    });

    it('adds an OCPP station whose password is stored only as the hash the CSMS authenticates against', async () => {
      const body = {
        protocol: 'ocpp', ocppVersion: '2.1', stationId, password, vendor: 'SimCharge', model: 'Bidi 22',
        evses: [
          { evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: '22', bidirectional: true, iso15118_20: true },
          { evseNumber: 2, currentType: 'AC', phases: 3, maxPowerKw: '11', bidirectional: false, iso15118_20: false },
        ],
      };
      const created = await as('POST', `/v1/sites/${siteId}/charge-points`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ siteId, protocol: 'ocpp', ocppVersion: '2.1', stationId, vendor: 'SimCharge' });
      expect(JSON.stringify(created.body)).not.toContain(password);
      chargePoint = created.body as typeof chargePoint;
      expect(chargePoint.evses.map((e) => [e.evseNumber, e.maxPowerKw, e.bidirectional])).toEqual([[1, '22', true], [2, '11', false]]);

      const stored: { password_hash: string; fleet_id: string; site_id: string; declared_bidirectional: boolean }[] = await sut.dataSource.query(
        `SELECT password_hash, fleet_id, site_id, declared_bidirectional FROM ocpp_stations WHERE station_id = $1`,
        [stationId],
      );
      expect(stored).toEqual([{ password_hash: expect.stringMatching(/^scrypt\$/), fleet_id: fleetId, site_id: siteId, declared_bidirectional: true }]);
      const authenticate = new AuthenticateStationUseCase(sut.dataSource);
      expect(await authenticate.execute(stationId, Buffer.from(password))).toMatchObject({ stationId, organisationId: owner.organisationId, fleetId, siteId });
      expect(await authenticate.execute(stationId, Buffer.from(`${password}x`))).toBeNull();

      const retry = await as('POST', `/v1/sites/${siteId}/charge-points`, body);
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: chargePoint.id });
      const otherPassword = await as('POST', `/v1/sites/${siteId}/charge-points`, { ...body, password: `another-secret-${tag}` });
      expect({ status: otherPassword.status, code: otherPassword.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    });

    it('adds an unsteered DC charger by reference and lists both charge points of the site', async () => {
      const created = await as('POST', `/v1/sites/${siteId}/charge-points`, {
        protocol: 'none', reference: `dc-${tag}`, evses: [{ evseNumber: 1, currentType: 'DC', phases: 3, maxPowerKw: '50', bidirectional: true, iso15118_20: true }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ protocol: 'none', stationId: null, reference: `dc-${tag}`, evses: [{ evseNumber: 1, currentType: 'DC', maxPowerKw: '50' }] });
      dcChargePointId = created.body.id as string;
      const list = await as('GET', `/v1/sites/${siteId}/charge-points`);
      expect((list.body as unknown as Json[]).map((c) => c.id).sort()).toEqual([chargePoint.id, dcChargePointId].sort());
      expect((await as('GET', `/v1/charge-points/${chargePoint.id as string}`)).body).toEqual(chargePoint);
    });

    it('adds vehicles under pseudonyms; a retry with the same values answers the same vehicle', async () => {
      const body = { pseudonymousId: `veh-${tag}-0000000001`, batteryKwh: '77.4', maxAcChargeKw: '11', maxAcDischargeKw: '11', v2gCapable: true, oem: 'Renault', model: '5 E-Tech' };
      const created = await as('POST', `/v1/fleets/${fleetId}/vehicles`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ fleetId, batteryKwh: '77.4', maxAcChargeKw: '11', maxDcChargeKw: null, v2gCapable: true, oem: 'Renault', model: '5 E-Tech' });
      vehicleId = created.body.id as string;
      const retry = await as('POST', `/v1/fleets/${fleetId}/vehicles`, body);
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: vehicleId });
      const changed = await as('POST', `/v1/fleets/${fleetId}/vehicles`, { ...body, batteryKwh: '52' });
      expect({ status: changed.status, code: changed.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
      const other = await as('POST', `/v1/fleets/${fleetId}/vehicles`, { pseudonymousId: `veh-${tag}-0000000002`, v2gCapable: true, oem: 'Hyundai', model: 'Ioniq 5' });
      otherVehicleId = other.body.id as string;
      expect((await as('GET', `/v1/fleets/${fleetId}/vehicles`)).body).toHaveLength(2);
      expect((await as('GET', `/v1/vehicles/${vehicleId}`)).body).toEqual(created.body);
    });

    it("records V2G compliance (AC: the vehicle on the EVSE, DC: the EVSE alone) for the site's country and answers eligibility from it", async () => {
      const acEvse = chargePoint.evses[0].id;
      const recorded = await as('POST', `/v1/evses/${acEvse}/v2g-compliance`, { vehicleId, gridCode: 'NL:RfG-2016/631' });
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({ evseId: acEvse, currentType: 'AC', vehicleId, country: 'NL', gridCode: 'NL:RfG-2016/631' });
      const retry = await as('POST', `/v1/evses/${acEvse}/v2g-compliance`, { vehicleId, gridCode: 'NL:RfG-2016/631' });
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: recorded.body.id });

      expect((await as('GET', `/v1/evses/${acEvse}/v2g-eligibility?vehicleId=${vehicleId}`)).body).toEqual({ eligible: true, country: 'NL' });
      expect((await as('GET', `/v1/evses/${acEvse}/v2g-eligibility?vehicleId=${otherVehicleId}`)).body).toEqual({ eligible: false, reason: 'not_compliant', country: 'NL' });

      const dcChargePoint = await as('GET', `/v1/charge-points/${dcChargePointId}`);
      const dcEvse = (dcChargePoint.body.evses as { id: string }[])[0].id;
      const dc = await as('POST', `/v1/evses/${dcEvse}/v2g-compliance`, { gridCode: 'NL:RfG-2016/631' });
      expect(dc.status).toBe(201);
      expect((await as('GET', `/v1/evses/${dcEvse}/v2g-eligibility?vehicleId=${otherVehicleId}`)).body).toEqual({ eligible: true, country: 'NL' });
      expect((await as('GET', `/v1/evses/${acEvse}/v2g-compliance`)).body).toHaveLength(1);
      const audit: { action: string }[] = await sut.dataSource.query(`SELECT action FROM audit_log WHERE organisation_id = $1 AND action = 'v2g_compliance.record'`, [owner.organisationId]);
      expect(audit).toHaveLength(2);
    });

    it('refuses V2G records that do not fit the EVSE: AC without a vehicle, DC with one, a non-bidirectional EVSE', async () => {
      const before = await snapshot();
      const dcEvse = ((await as('GET', `/v1/charge-points/${dcChargePointId}`)).body.evses as { id: string }[])[0].id;
      const answers = [
        await as('POST', `/v1/evses/${chargePoint.evses[0].id}/v2g-compliance`, { gridCode: 'NL:RfG' }),
        await as('POST', `/v1/evses/${dcEvse}/v2g-compliance`, { vehicleId, gridCode: 'NL:RfG' }),
        await as('POST', `/v1/evses/${chargePoint.evses[1].id}/v2g-compliance`, { vehicleId, gridCode: 'NL:RfG' }),
      ];
      expect(answers.map((a) => [a.status, a.body.code])).toEqual([[422, 'V2G_RECORD_INVALID'], [422, 'V2G_RECORD_INVALID'], [422, 'V2G_RECORD_INVALID']]);
      expect(await snapshot()).toBe(before);
    });

    it('lists sessions per fleet with status and control channel, keyset-paged, and gets one', async () => {
      const party = { countryCode: 'NL', partyId: owner.organisationId };
      sessionIds = await sut.dataSource.transaction(async (manager) => {
        const ids: string[] = [];
        for (const [n, status] of (['charging', 'finished', 'plugged_in'] as const).entries()) {
          const arrivalAt = new Date(Date.now() - (n + 1) * HOUR);
          const { sessionId } = await new UpsertExternalSessionUseCase().execute(manager, {
            party, externalSessionId: `${stationId}/tx-${n}`, source: 'ocpp', lastUpdated: arrivalAt,
            fields: { fleetId, evseId: chargePoint.evses[0].id, vehicleId, arrivalAt, status, controlChannel: 'ocpp', canDischarge: true },
          });
          ids.push(sessionId);
        }
        await new RecordChannelLatencyUseCase().execute(manager, 'ocpp', `NL*${owner.organisationId}`, 850);
        await new RecordChannelLatencyUseCase().execute(manager, 'ocpi', `NL*Z${tag.slice(0, 2)}`, 4_000);
        return ids;
      });

      const first = await as('GET', `/v1/fleets/${fleetId}/sessions?limit=2`);
      expect(first.status).toBe(200);
      const items = first.body.items as Json[];
      expect(items.map((s) => [s.id, s.status, s.controlChannel, s.canDischarge])).toEqual([[sessionIds[0], 'charging', 'ocpp', true], [sessionIds[1], 'finished', 'ocpp', true]]);
      const second = await as('GET', `/v1/fleets/${fleetId}/sessions?limit=2&cursor=${first.body.nextCursor as string}`);
      expect({ ids: (second.body.items as Json[]).map((s) => s.id), next: second.body.nextCursor }).toEqual({ ids: [sessionIds[2]], next: null });
      const finished = await as('GET', `/v1/fleets/${fleetId}/sessions?status=finished`);
      expect((finished.body.items as Json[]).map((s) => s.id)).toEqual([sessionIds[1]]);
      expect((await as('GET', `/v1/sessions/${sessionIds[0]}`)).body).toMatchObject({ id: sessionIds[0], fleetId, siteId, vehicleId, status: 'charging', controlChannel: 'ocpp', source: 'ocpp' });
    });

    it("shows the parties' ids of an entity and only the latency estimates of channels steering the tenant's fleets", async () => {
      const evse = await as('GET', `/v1/external-ids?entityType=evse&entityId=${chargePoint.evses[0].id}`);
      expect(evse.body).toEqual([{ countryCode: 'NL', partyId: owner.organisationId, externalId: `${stationId}/1`, createdAt: expect.any(String) }]);
      const session = await as('GET', `/v1/external-ids?entityType=session&entityId=${sessionIds[0]}`);
      expect((session.body as unknown as Json[]).map((x) => x.externalId)).toEqual([`${stationId}/tx-0`]);
      const latency = await as('GET', '/v1/channel-latency');
      expect(latency.body).toEqual([{ channel: 'ocpp', party: `NL*${owner.organisationId}`, sampleCount: 1, meanMs: 850, p95Ms: 850, lastMs: 850, lastMeasuredAt: expect.any(String) }]);
    });
    it('answers concurrent twins of a create with one new resource: one 201, the other 200 with the same id', async () => {
      const site = { name: 'Twin site', reference: `twin-${tag}`, country: 'NL', innovationCluster: 'workplace', timezone: 'Europe/Amsterdam' };
      const sites = await Promise.all([as('POST', `/v1/fleets/${fleetId}/sites`, site), as('POST', `/v1/fleets/${fleetId}/sites`, site)]);
      expect(sites.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(sites[0].body.id).toBe(sites[1].body.id);
      const station = {
        protocol: 'ocpp', ocppVersion: '2.0.1', stationId: `TWIN-${tag}`, password,
        evses: [{ evseNumber: 1, currentType: 'AC', phases: 1, maxPowerKw: '7.4', bidirectional: false, iso15118_20: false }],
      };
      const path = `/v1/sites/${sites[0].body.id as string}/charge-points`;
      const stations = await Promise.all([as('POST', path, station), as('POST', path, station)]);
      expect(stations.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(stations[0].body.id).toBe(stations[1].body.id);
      const rows: unknown[] = await sut.dataSource.query(`SELECT 1 FROM ocpp_stations WHERE station_id = $1`, [`TWIN-${tag}`]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('validation: clear 4xx problem+json, nothing half-written', () => {
    const site = (over: Json = {}, grid: Json = {}): Json => ({
      name: 'Bad site', country: 'NL', innovationCluster: 'workplace', timezone: 'Europe/Amsterdam',
      gridConnection: { ean: eans().valid, importLimitKw: '100', exportLimitKw: '50', fuseLimitKw: '120', dso: 'Stedin', ...grid }, ...over,
    });
    const evse = (maxPowerKw: string): Json => ({ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw, bidirectional: false, iso15118_20: false });

    it.each([
      ['an EAN with a wrong check digit', () => site({}, { ean: eans().badCheckDigit }), 400, 'VALIDATION_FAILED', 'gridConnection.ean'],
      ['an EAN of 17 digits', () => site({}, { ean: '87100000000000001' }), 400, 'VALIDATION_FAILED', 'gridConnection.ean'],
      ['an unknown innovation cluster', () => site({ innovationCluster: 'garage' }), 400, 'VALIDATION_FAILED', 'innovationCluster'],
      ['a limit as a JSON number', () => site({}, { importLimitKw: 100 }), 400, 'VALIDATION_FAILED', 'gridConnection.importLimitKw'],
      ['an unknown field', () => site({ owner: 'Jan de Vries' }), 400, 'VALIDATION_FAILED', 'owner'],
      ['a time zone that does not exist', () => site({ timezone: 'Europe/Atlantis' }), 400, 'VALIDATION_FAILED', 'timezone'],
      ['an import limit above the fuse', () => site({}, { importLimitKw: '130' }), 422, 'LIMITS_NOT_NESTED', null],
      ['an export limit above the fuse', () => site({}, { exportLimitKw: '121' }), 422, 'LIMITS_NOT_NESTED', null],
      // Fails on the EAN's unique key after the site row was inserted: the transaction takes both back.
      ['the EAN of another site', () => site({ reference: `dup-ean-${tag}` }, { ean }), 409, 'EAN_TAKEN', null],
    ])('refuses a site with %s', async (_name, body, status, code, field) => {
      const before = await snapshot();
      const response = await as('POST', `/v1/fleets/${fleetId}/sites`, body());
      expect({ status: response.status, code: response.body.code, type: response.headers.get('content-type') }).toEqual({ status, code, type: expect.stringContaining('application/problem+json') });
      const fields = (response.body.errors as { field: string }[] | undefined)?.map((e) => e.field) ?? [];
      expect(fields.includes(field ?? '') || (field === null && fields.length === 0)).toBe(true);
      expect(await snapshot()).toBe(before);
    });

    it.each([
      ['an EVSE above the site import limit', () => ({ protocol: 'none', reference: `big-${tag}`, evses: [evse('151')] }), 422, 'LIMITS_NOT_NESTED'],
      ['a second EVSE above the limit after a valid first (nothing of the first stays)', () => ({
        protocol: 'ocpp', ocppVersion: '2.1', stationId: `HALF-${tag}`, password, evses: [evse('22'), { ...evse('180'), evseNumber: 2 }],
      }), 422, 'LIMITS_NOT_NESTED'],
      ['an unknown current type', () => ({ protocol: 'none', reference: `x-${tag}`, evses: [{ ...evse('11'), currentType: 'AC3' }] }), 400, 'VALIDATION_FAILED'],
      ['an unknown protocol', () => ({ protocol: 'ocpi', reference: `x-${tag}`, evses: [evse('11')] }), 400, 'VALIDATION_FAILED'],
      ['an unknown OCPP version', () => ({ protocol: 'ocpp', ocppVersion: '1.6', stationId: `V16-${tag}`, password, evses: [evse('11')] }), 400, 'VALIDATION_FAILED'],
      ['a station password of 8 characters', () => ({ protocol: 'ocpp', ocppVersion: '2.1', stationId: `PW-${tag}`, password: 'short-pw', evses: [evse('11')] }), 400, 'VALIDATION_FAILED'],
      ['a repeated EVSE number', () => ({ protocol: 'none', reference: `dup-${tag}`, evses: [evse('11'), evse('11')] }), 400, 'VALIDATION_FAILED'],
    ])('refuses a charge point with %s', async (_name, body, status, code) => {
      const before = await snapshot();
      const response = await as('POST', `/v1/sites/${siteId}/charge-points`, body());
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      expect(await snapshot()).toBe(before);
    });

    it('keeps limits nested when they change: below an EVSE or above the fuse is refused, a fitting change applies', async () => {
      const before = await snapshot();
      const belowEvse = await as('PATCH', `/v1/sites/${siteId}/grid-connection`, { importLimitKw: '40' });
      const aboveFuse = await as('PATCH', `/v1/sites/${siteId}/grid-connection`, { fuseLimitKw: '120' });
      const empty = await as('PATCH', `/v1/sites/${siteId}/grid-connection`, {});
      expect([belowEvse, aboveFuse, empty].map((r) => [r.status, r.body.code])).toEqual([[422, 'LIMITS_NOT_NESTED'], [422, 'LIMITS_NOT_NESTED'], [400, 'VALIDATION_FAILED']]);
      expect(await snapshot()).toBe(before);

      const changed = await as('PATCH', `/v1/sites/${siteId}/grid-connection`, { importLimitKw: '60', fuseLimitKw: null, congestionArea: null });
      expect(changed.status).toBe(200);
      expect(changed.body.gridConnection).toEqual({ ean, importLimitKw: '60', exportLimitKw: '100.5', fuseLimitKw: null, dso: 'Liander', congestionArea: null });
      const audit: { action: string }[] = await sut.dataSource.query(`SELECT action FROM audit_log WHERE organisation_id = $1 AND entity_id = $2 ORDER BY chain_position`, [owner.organisationId, siteId]);
      expect(audit.map((a) => a.action)).toEqual(['site.create', 'site.update_limits']);
    });

    it.each([
      ['a VIN', { pseudonymousId: 'WVWZZZ1JZXW000001' }, 'pseudonymousId'],
      ['a name', { pseudonymousId: 'Jan de Vries' }, 'pseudonymousId'],
      ['an e-mail address', { pseudonymousId: 'jan.devries@example.com' }, 'pseudonymousId'],
      ['a VIN field', { pseudonymousId: `veh-${tag}-0000000009`, vin: 'WVWZZZ1JZXW000001' }, 'vin'],
      ['a battery given in Wh as a number', { pseudonymousId: `veh-${tag}-0000000009`, batteryKwh: 77400 }, 'batteryKwh'],
    ])('refuses a vehicle with %s and stores nothing', async (_name, body, field) => {
      const before = await snapshot();
      const response = await as('POST', `/v1/fleets/${fleetId}/vehicles`, body);
      expect(response.status).toBe(400);
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
      expect(await snapshot()).toBe(before);
    });

    it('refuses a station id another organisation registered, without touching either', async () => {
      const other = await seedOrganisation(sut.dataSource, 'fleet_owner');
      const asOther = callerFor(sut.baseUrl, other.key);
      const otherFleet = await asOther('POST', '/v1/fleets', { name: 'other depot' });
      const otherSite = await asOther('POST', `/v1/fleets/${otherFleet.body.id as string}/sites`, { name: 'o', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam' });
      const before = await snapshot();
      const taken = await asOther('POST', `/v1/sites/${otherSite.body.id as string}/charge-points`, { protocol: 'ocpp', ocppVersion: '2.1', stationId, password, evses: [evse('11')] });
      expect({ status: taken.status, code: taken.body.code }).toEqual({ status: 409, code: 'STATION_ID_TAKEN' });
      expect(await snapshot()).toBe(before);
      expect((await asOther('GET', `/v1/sites/${otherSite.body.id as string}/charge-points`)).body).toEqual([]);
    });
  });

  describe('tenant isolation', () => {
    it("answers another organisation 404 on every route that names one of the owner's assets, and writes nothing", async () => {
      const intruder = await seedOrganisation(sut.dataSource, 'operator');
      const asIntruder = callerFor(sut.baseUrl, intruder.key);
      const before = await snapshot();
      const evseId = chargePoint.evses[0].id;
      const routes: [string, string, unknown?][] = [
        ['GET', `/v1/fleets/${fleetId}`],
        ['GET', `/v1/fleets/${fleetId}/sites`],
        ['POST', `/v1/fleets/${fleetId}/sites`, { name: 'x', country: 'NL', innovationCluster: 'home', timezone: 'Europe/Amsterdam' }],
        ['GET', `/v1/fleets/${fleetId}/vehicles`],
        ['POST', `/v1/fleets/${fleetId}/vehicles`, { pseudonymousId: `intruder-${tag}-000001` }],
        ['GET', `/v1/fleets/${fleetId}/sessions`],
        ['GET', `/v1/sites/${siteId}`],
        ['PATCH', `/v1/sites/${siteId}/grid-connection`, { importLimitKw: '1000' }],
        ['GET', `/v1/sites/${siteId}/charge-points`],
        ['POST', `/v1/sites/${siteId}/charge-points`, { protocol: 'none', reference: 'x', evses: [{ evseNumber: 1, currentType: 'AC', phases: 1, maxPowerKw: '3.7', bidirectional: false, iso15118_20: false }] }],
        ['GET', `/v1/charge-points/${chargePoint.id as string}`],
        ['GET', `/v1/vehicles/${vehicleId}`],
        ['GET', `/v1/sessions/${sessionIds[0]}`],
        ['POST', `/v1/evses/${evseId}/v2g-compliance`, { vehicleId, gridCode: 'NL:RfG' }],
        ['GET', `/v1/evses/${evseId}/v2g-compliance`],
        ['GET', `/v1/evses/${evseId}/v2g-eligibility`],
        ['GET', `/v1/external-ids?entityType=evse&entityId=${evseId}`],
        ['GET', `/v1/external-ids?entityType=session&entityId=${sessionIds[0]}`],
      ];
      const answers: string[] = [];
      for (const [method, path, body] of routes) answers.push(`${method} ${path} ${(await asIntruder(method, path, body)).status}`);
      expect(answers).toEqual(routes.map(([method, path]) => `${method} ${path} 404`));
      expect((await asIntruder('GET', '/v1/fleets')).body).toEqual([]);
      expect((await asIntruder('GET', '/v1/channel-latency')).body).toEqual([]);
      expect(await snapshot()).toBe(before);
    });

    it('refuses organisations of other kinds (a CPO) with 403', async () => {
      const cpo = await seedOrganisation(sut.dataSource, 'cpo');
      expect((await callerFor(sut.baseUrl, cpo.key)('GET', '/v1/fleets')).status).toBe(403);
    });
  });

  it('lists the new routes in the OpenAPI document with their request schemas', async () => {
    // The document /docs serves, built the same way (serving the UI needs @fastify/static, whose ESM dependencies jest cannot load).
    const document = SwaggerModule.createDocument(sut.app, new DocumentBuilder().build()) as unknown as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Json } }> } }>> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
      '/v1/fleets', '/v1/fleets/{fleetId}', '/v1/fleets/{fleetId}/sites', '/v1/fleets/{fleetId}/vehicles', '/v1/fleets/{fleetId}/sessions',
      '/v1/sites/{siteId}', '/v1/sites/{siteId}/grid-connection', '/v1/sites/{siteId}/charge-points', '/v1/charge-points/{chargePointId}',
      '/v1/evses/{evseId}/v2g-compliance', '/v1/evses/{evseId}/v2g-eligibility', '/v1/external-ids', '/v1/channel-latency', '/v1/sessions/{sessionId}',
    ]));
    const siteBody = document.paths['/v1/fleets/{fleetId}/sites'].post.requestBody?.content['application/json'].schema;
    expect(Object.keys(siteBody?.properties ?? {})).toEqual(expect.arrayContaining(['name', 'innovationCluster', 'gridConnection']));
  });
});
