import { parseDecimal } from '@vpp/units';
import { OcppCommandEntity, OcppStationEntity, OcppTransactionEntity } from '@vpp/ocpp';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { CsmsTestApp, Depot, minutesAgo, registerStation, seedDepot, startCsmsTestApp } from './csms-test-app';

interface SessionRow {
  status: string;
  control_channel: string;
  source: string;
  can_discharge: boolean;
  energy_need_kwh: string | null;
  energy_delivered_kwh: string;
  expected_departure_at: Date | null;
}

async function sessionRow(sut: CsmsTestApp, sessionId: string): Promise<SessionRow> {
  const rows: SessionRow[] = await sut.dataSource.query(
    `SELECT status, control_channel, source, can_discharge, energy_need_kwh, energy_delivered_kwh, expected_departure_at FROM sessions WHERE id = $1`,
    [sessionId],
  );
  return rows[0];
}

describe('OCPP 2.1 CSMS end to end (simulated station over WebSocket)', () => {
  let sut: CsmsTestApp;
  let depot: Depot;
  const chargePoints: SimulatedChargePoint[] = [];

  beforeAll(async () => {
    sut = await startCsmsTestApp();
    depot = await seedDepot(sut);
  });

  afterAll(async () => {
    await Promise.all(chargePoints.map((cp) => cp.close()));
    await sut.close();
  });

  function chargePoint(station: { stationId: string; password: string }, bidirectional: boolean): SimulatedChargePoint {
    const cp = new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, ...station, protocols: ['ocpp2.1', 'ocpp2.0.1'], bidirectional, maxPowerW: 11_000 });
    chargePoints.push(cp);
    return cp;
  }

  it('connects, boots, starts a transaction, reports meter values and accepts a discharge setpoint', async () => {
    const station = await registerStation(sut, depot, { bidirectional: true });
    const cp = chargePoint(station, true);
    await cp.connect();
    const boot = await cp.boot();
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(cp.protocol).toBe('ocpp2.1');
    const stationRow = await sut.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ stationId: station.stationId });
    expect(stationRow).toMatchObject({ connected: true, ocppVersion: 'ocpp2.1', supportsSetpoints: true, supportsDischarge: true, vendorName: 'ev-vpp-simulator' });

    // One base instant, so the simulated meter's intervals are exactly 10 minutes.
    const base = Date.now();
    const at = (minutesBefore: number): Date => new Date(base - minutesBefore * 60_000);
    const departure = new Date(base + 6 * 3_600_000);
    await cp.startTransaction({ transactionId: 'tx-e2e-1', arrival: at(30), departure, energyNeedWh: 32_500 }, at(30));
    expect(await cp.notifyChargingNeeds(10_000)).toBe('Processing');
    await cp.reportMeterValues(at(20)); // 11 kW for 10 min = 1833.3 Wh -> 1833 Wh
    await cp.reportMeterValues(at(10)); // another 1833 Wh: 3666 Wh

    const tx = await sut.dataSource.getRepository(OcppTransactionEntity).findOneByOrFail({ ocppStationId: stationRow.id, transactionId: 'tx-e2e-1' });
    expect(tx).toMatchObject({ status: 'charging', evseNumber: 1, endedAt: null, lastSeqNo: 2 });
    expect(tx.lastPowerKw?.equals(parseDecimal('11'))).toBe(true);
    expect(tx.energyRegisterKwh?.toFixed(3)).toBe('3.666');
    expect(tx.maxDischargeKw?.equals(parseDecimal('10'))).toBe(true);
    expect(tx.sessionId).not.toBeNull();
    const session = await sessionRow(sut, tx.sessionId!);
    expect(session).toMatchObject({ status: 'charging', control_channel: 'ocpp', source: 'ocpp', can_discharge: true, energy_need_kwh: '32.500000', energy_delivered_kwh: '3.666000' });
    expect(session.expected_departure_at?.toISOString()).toBe(departure.toISOString());
    const meterRows: Array<{ power_kw: string }> = await sut.dataSource.query(`SELECT power_kw FROM meter_values WHERE session_id = $1 ORDER BY measured_at`, [tx.sessionId]);
    expect(meterRows.map((r) => r.power_kw)).toEqual(['11.000', '11.000', '11.000']);

    // Discharge 7.4 kW within the EV's 10 kW offer.
    const outcome = await sut.send.execute({ stationId: station.stationId, transactionId: 'tx-e2e-1', command: { kind: 'setpoint', setpointKw: parseDecimal('-7.4'), dischargeLimitKw: parseDecimal('10') } });
    expect(outcome.status).toBe('accepted');
    expect(cp.receivedProfiles[0].chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0]).toEqual({ startPeriod: 0, operationMode: 'CentralSetpoint', setpoint: -7400, dischargeLimit: -10000 });
    expect(cp.currentPowerW).toBe(-7400);
    const command = await sut.dataSource.getRepository(OcppCommandEntity).findOneByOrFail({ id: outcome.commandId });
    expect(command).toMatchObject({ action: 'SetChargingProfile', status: 'accepted', transactionId: 'tx-e2e-1' });
    expect(command.latencyMs).not.toBeNull();
    const latency: Array<{ sample_count: number }> = await sut.dataSource.query(`SELECT sample_count FROM channel_latency WHERE channel = 'ocpp' AND party = $1`, [`NL*${depot.organisationId}`]);
    expect(latency[0].sample_count).toBeGreaterThanOrEqual(1);

    // The station now discharges, and says so in its next reading (export is negative net power).
    await cp.reportMeterValues(at(5));
    const discharging = await sut.dataSource.getRepository(OcppTransactionEntity).findOneByOrFail({ id: tx.id });
    expect(discharging.lastPowerKw?.equals(parseDecimal('-7.4'))).toBe(true);

    const cleared = await sut.clear.execute({ stationId: station.stationId, transactionId: 'tx-e2e-1' });
    expect(cleared.status).toBe('accepted');
    expect(cp.currentPowerW).toBe(11_000);

    await cp.endTransaction(at(1));
    const ended = await sut.dataSource.getRepository(OcppTransactionEntity).findOneByOrFail({ id: tx.id });
    expect(ended.status).toBe('finished');
    expect((await sessionRow(sut, tx.sessionId!)).status).toBe('finished');
  });

  it('refuses a discharge setpoint for a station that is not bidirectional, without sending anything', async () => {
    const station = await registerStation(sut, depot, { bidirectional: false });
    const cp = chargePoint(station, false);
    await cp.connect();
    await cp.boot();
    await cp.startTransaction({ transactionId: 'tx-uni-1', arrival: minutesAgo(5), departure: new Date(Date.now() + 3_600_000), energyNeedWh: 10_000 }, minutesAgo(5));
    await expect(
      sut.send.execute({ stationId: station.stationId, transactionId: 'tx-uni-1', command: { kind: 'setpoint', setpointKw: parseDecimal('-3') } }),
    ).rejects.toMatchObject({ code: 'OCPP_DISCHARGE_NOT_SUPPORTED' });
    expect(cp.receivedProfiles).toHaveLength(0);
    // A plain limit still works on it.
    const limited = await sut.send.execute({ stationId: station.stationId, transactionId: 'tx-uni-1', command: { kind: 'limit', limitKw: parseDecimal('3.7') } });
    expect(limited.status).toBe('accepted');
    expect(cp.currentPowerW).toBe(3_700);
  });

  it('negotiates OCPP 2.0.1 with a 2.0.1-only station and then offers limits only', async () => {
    const station = await registerStation(sut, depot, { bidirectional: true });
    const cp = new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, ...station, protocols: ['ocpp2.0.1'], bidirectional: true, maxPowerW: 11_000 });
    chargePoints.push(cp);
    await cp.connect();
    await cp.boot();
    expect(cp.protocol).toBe('ocpp2.0.1');
    const row = await sut.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ stationId: station.stationId });
    expect(row).toMatchObject({ ocppVersion: 'ocpp2.0.1', supportsSetpoints: false, supportsDischarge: false });
  });
});
