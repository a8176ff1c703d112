import { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { Decimal, parseDecimal } from '@vpp/units';
import type { ReplayedSession } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { aPartyId, eventually, issueTokenA, OcpiTestApp, startOcpiTestApp } from './ocpi-test-app';

jest.setTimeout(60_000);

interface MeterRow {
  measured_at: Date;
  power_kw: string;
  energy_register_kwh: string;
  source: string;
  power_source: string;
  energy_source: string;
}

const HOUR = 3_600_000;

// Within retention and in the past (the ingest checks both against the wall clock): whole hours.
const T0 = new Date(Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR);
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

// Two sessions of the same CPO, 20 kWh each by a 4-hour stay at 11 kW: one uncapped, one capped to 3.7 kW after an hour.
const sessions: ReplayedSession[] = ['S1', 'S2'].map((sessionId) => ({
  sessionId,
  locationId: 'LOC-TELEMETRY',
  evseUid: `EVSE-${sessionId}`,
  arrival: T0,
  departure: at(4),
  energyKwh: '20',
  maxPowerKw: '11',
}));

describe('OCPI Session kWh into meter_values (simulated CPO charging under caps)', () => {
  let test: OcpiTestApp;
  let cpo: SimulatedCpo;
  let cpoNow = T0;
  const partyId = aPartyId();
  let fleetSession: Record<string, string>;

  async function meterValues(sessionId: string): Promise<MeterRow[]> {
    return test.dataSource.query(
      `SELECT measured_at, power_kw::text, energy_register_kwh::text, source, power_source, energy_source FROM meter_values WHERE session_id = $1 ORDER BY measured_at`,
      [sessionId],
    );
  }

  beforeAll(async () => {
    test = await startOcpiTestApp('ocpi_session_telemetry');
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: 'Telemetry CPO', commandLatencyMs: 10, ignoreShare: 0, random: () => 0.5, clock: () => cpoNow });
    await cpo.start();
    const party = await issueTokenA(test, 'NL', partyId);
    expect((await cpo.register(party.versionsUrl, party.tokenA)).status).toBe(200);
    await cpo.pushSessions(sessions, T0);
    const rows: { session_id: string; fleet_session_id: string }[] = await test.dataSource.query(
      `SELECT s.session_id, s.fleet_session_id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id WHERE p.party_id = $1`,
      [partyId],
    );
    fleetSession = Object.fromEntries(rows.map((r) => [r.session_id, r.fleet_session_id]));
  });

  afterAll(async () => {
    await cpo.stop();
    await test.close();
  });

  it('a dispatch cap lowers the kWh the CPO reports, and each report reaches meter_values with derived power', async () => {
    // The pushed Session (kwh 0 at its start) is the first meter value of each session.
    expect((await meterValues(fleetSession.S2!)).map((r) => [r.measured_at, r.energy_register_kwh, r.power_kw])).toEqual([[T0, '0.000000', '0.000']]);

    cpoNow = at(1);
    const [s2] = (await test.dataSource.query(`SELECT id FROM ocpi_sessions WHERE session_id = 'S2' AND fleet_session_id = $1`, [fleetSession.S2])) as { id: string }[];
    await test.app.get(RequestChargingProfileUseCase, { strict: false }).execute({
      sessionId: s2!.id,
      profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit: parseDecimal('3700') }] },
    });
    await eventually(async () => (cpo.limitOf('S2') === 3700 ? true : undefined), 'the cap applied by the CPO');
    await cpo.settled();

    cpoNow = at(2);
    expect(await cpo.reportChargingProgress(at(2))).toEqual({ patched: 2, completed: 0 });

    // Uncapped: 2 h x 11 kW = 22 kWh > 20 kWh, so all 20 kWh are in. Capped: 1 h x 11 kW + 1 h x 3.7 kW.
    const s1 = await meterValues(fleetSession.S1!);
    const s2Rows = await meterValues(fleetSession.S2!);
    expect(s1.map((r) => [r.measured_at, r.energy_register_kwh, r.power_kw])).toEqual([
      [T0, '0.000000', '0.000'],
      [at(2), '20.000000', '10.000'],
    ]);
    expect(s2Rows.map((r) => [r.measured_at, r.energy_register_kwh, r.power_kw])).toEqual([
      [T0, '0.000000', '0.000'],
      [at(2), '14.700000', '7.350'],
    ]);
    for (const row of [...s1, ...s2Rows]) expect([row.source, row.power_source, row.energy_source]).toEqual(['ocpi', 'derived_from_energy', 'measured']);
    process.stdout.write(`meter_values rows after the first report: ${s1.length + s2Rows.length} (S1 20.000 kWh uncapped, S2 14.700 kWh capped)\n`);
  });

  it('is idempotent: a report without change sends nothing, and a replayed PATCH stores nothing new', async () => {
    expect(await cpo.reportChargingProgress(at(2))).toEqual({ patched: 0, completed: 0 });
    const before = await meterValues(fleetSession.S2!);
    const replay = await cpo.send('PATCH', `sessions/${cpo.pathOf('S2')}`, { kwh: 14.7, last_updated: at(2).toISOString().replace('.000Z', 'Z') });
    expect([replay.status, replay.body?.status_code]).toEqual([200, 1000]);
    expect(await meterValues(fleetSession.S2!)).toEqual(before);
    const quarantined: { n: number }[] = await test.dataSource.query(`SELECT count(*)::int AS n FROM meter_value_quarantine WHERE session_id = $1`, [fleetSession.S2]);
    expect(quarantined[0]!.n).toBe(0);
  });

  it('takes a late PATCH between its neighbours with a positive power, and never stores a negative one', async () => {
    // 1.5 h: 11 kWh + 0.5 h x 3.7 kW, sent after the 2 h report (an older last_updated).
    const late = await cpo.send('PATCH', `sessions/${cpo.pathOf('S2')}`, { kwh: 12.85, last_updated: at(1.5).toISOString().replace('.000Z', 'Z') });
    expect([late.status, late.body?.status_code]).toEqual([200, 1000]);
    // A late register below its earlier neighbour: quarantined, with power 0 (derived), not negative.
    const bogus = await cpo.send('PATCH', `sessions/${cpo.pathOf('S2')}`, { kwh: 5, last_updated: at(1.75).toISOString().replace('.000Z', 'Z') });
    expect([bogus.status, bogus.body?.status_code]).toEqual([200, 1000]);

    const rows = await meterValues(fleetSession.S2!);
    expect(rows.map((r) => [r.measured_at, r.energy_register_kwh, r.power_kw])).toEqual([
      [T0, '0.000000', '0.000'],
      [at(1.5), '12.850000', new Decimal('12.85').dividedBy('1.5').toFixed(3, Decimal.ROUND_HALF_UP)],
      [at(2), '14.700000', '7.350'],
    ]);
    const quarantine: { reason: string; power_kw_raw: string; power_source: string }[] = await test.dataSource.query(
      `SELECT reason, power_kw_raw, power_source FROM meter_value_quarantine WHERE session_id = $1`,
      [fleetSession.S2],
    );
    expect(quarantine).toEqual([{ reason: 'negative_energy_step', power_kw_raw: '0.000', power_source: 'derived_from_energy' }]);
    const negative: { n: number }[] = await test.dataSource.query(`SELECT count(*)::int AS n FROM meter_values WHERE session_id = ANY($1) AND power_kw < 0`, [Object.values(fleetSession)]);
    expect(negative[0]!.n).toBe(0);
    // The Session itself keeps the newest state (the late PATCHes were acknowledged, not applied).
    const [session] = (await test.dataSource.query(`SELECT energy_kwh::text FROM ocpi_sessions WHERE fleet_session_id = $1`, [fleetSession.S2])) as { energy_kwh: string }[];
    expect(session!.energy_kwh).toBe('14.700000');
  });

  it('stores the start of a session pushed after its arrival as 0 kWh (derived), so its first hour is not lost', async () => {
    const late: ReplayedSession = { ...sessions[0]!, sessionId: 'S3', locationId: 'LOC-TELEMETRY-3', evseUid: 'EVSE-S3' };
    await cpo.pushSessions([late], at(1));
    const [row] = (await test.dataSource.query(`SELECT s.fleet_session_id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id WHERE p.party_id = $1 AND s.session_id = 'S3'`, [
      partyId,
    ])) as { fleet_session_id: string }[];
    // 1 h at 11 kW before the push: the Session arrives with 11 kWh.
    expect((await meterValues(row!.fleet_session_id)).map((r) => [r.measured_at, r.energy_register_kwh, r.power_kw, r.power_source])).toEqual([
      [T0, '0.000000', '11.000', 'derived_from_energy'],
      [at(1), '11.000000', '11.000', 'derived_from_energy'],
    ]);
    fleetSession.S3 = row!.fleet_session_id;
  });

  it('completes the sessions at departure, with their final kWh in meter_values', async () => {
    cpoNow = at(4);
    expect(await cpo.reportChargingProgress(at(4))).toEqual({ patched: 3, completed: 3 });
    // S2 after the cap: 14.7 kWh + 2 h x 3.7 kW = 22.1 > 20 kWh: delivered in full, later than S1.
    const last = async (id: string): Promise<string> => (await meterValues(id)).at(-1)!.energy_register_kwh;
    expect([await last(fleetSession.S1!), await last(fleetSession.S2!), await last(fleetSession.S3!)]).toEqual(['20.000000', '20.000000', '20.000000']);
    const fleet: { status: string }[] = await test.dataSource.query(`SELECT status FROM sessions WHERE id = ANY($1)`, [Object.values(fleetSession)]);
    expect(fleet.map((r) => r.status)).toEqual(['finished', 'finished', 'finished']);
    expect(await cpo.reportChargingProgress(at(5))).toEqual({ patched: 0, completed: 0 });
    const total: { n: number }[] = await test.dataSource.query(`SELECT count(*)::int AS n FROM meter_values WHERE session_id = ANY($1)`, [Object.values(fleetSession)]);
    process.stdout.write(`meter_values rows from the simulated CPO's reports: ${total[0]!.n}\n`);
  });
});
