import { randomUUID } from 'node:crypto';
import type { RPCClient } from 'ocpp-rpc';
import { OcppStationEntity, OcppTransactionEntity } from '@vpp/ocpp';
import { eventually } from '@vpp/testing';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { createStationClient } from '../../apps/simulator/src/charge-points/station-client';
import { CsmsTestApp, Depot, registerStation, seedDepot, startCsmsTestApp } from './csms-test-app';

describe('OCPP CSMS: authentication, bad messages, disconnects', () => {
  let sut: CsmsTestApp;
  let depot: Depot;
  const closables: Array<{ close(): Promise<unknown> }> = [];

  beforeAll(async () => {
    sut = await startCsmsTestApp();
    depot = await seedDepot(sut);
  });

  afterAll(async () => {
    await Promise.all(closables.map((c) => c.close()));
    await sut.close();
  });

  function track<T extends { close(): Promise<unknown> }>(closable: T): T {
    closables.push(closable);
    return closable;
  }

  describe('security profile 1 (basic auth)', () => {
    it('rejects a wrong password with 401 and leaves the station disconnected', async () => {
      const station = await registerStation(sut, depot, { bidirectional: false });
      const cp = track(new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, stationId: station.stationId, password: 'wrong-password-0123456789', bidirectional: false, maxPowerW: 11_000 }));
      await expect(cp.connect()).rejects.toMatchObject({ code: 401 });
      const row = await sut.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ stationId: station.stationId });
      expect(row).toMatchObject({ connected: false, lastSeenAt: null, ocppVersion: null });
    });

    it('rejects an unknown station and a connection without credentials', async () => {
      const unknown = track(createStationClient({ endpoint: sut.ocppEndpoint, stationId: `CP-${randomUUID().slice(0, 8)}`, password: 'some-password-0123456789', protocols: ['ocpp2.1'] }));
      await expect(unknown.connect()).rejects.toMatchObject({ code: 401 });
      const station = await registerStation(sut, depot, { bidirectional: false });
      const anonymous = track(createStationClient({ endpoint: sut.ocppEndpoint, stationId: station.stationId, password: '', protocols: ['ocpp2.1'] }));
      await expect(anonymous.connect()).rejects.toMatchObject({ code: 401 });
    });

    it('refuses a station that offers no OCPP 2.x subprotocol', async () => {
      const station = await registerStation(sut, depot, { bidirectional: false });
      const legacy = track(createStationClient({ endpoint: sut.ocppEndpoint, ...station, protocols: ['ocpp1.6'] }));
      await expect(legacy.connect()).rejects.toMatchObject({ code: 401 });
    });
  });

  describe('schema-invalid messages', () => {
    let client: RPCClient;
    let stationRowId: string;

    beforeAll(async () => {
      const station = await registerStation(sut, depot, { bidirectional: true });
      // A sloppy station: it does not validate what it sends.
      client = track(createStationClient({ endpoint: sut.ocppEndpoint, ...station, protocols: ['ocpp2.1'], strictMode: false }));
      await client.connect();
      stationRowId = (await sut.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ stationId: station.stationId })).id;
    });

    const started = { eventType: 'Started', timestamp: new Date().toISOString(), triggerReason: 'CablePluggedIn', seqNo: 0, evse: { id: 1 }, transactionInfo: { transactionId: 'tx-bad' } };

    it.each([
      { problem: 'a missing required field', payload: { ...started, transactionInfo: undefined }, code: 'OccurrenceConstraintViolation' },
      { problem: 'a wrong type', payload: { ...started, seqNo: 'zero' }, code: 'TypeConstraintViolation' },
      { problem: 'an unknown property', payload: { ...started, chargingRate: 11 }, code: 'PropertyConstraintViolation' },
      { problem: 'a value outside its enumeration', payload: { ...started, eventType: 'Paused' }, code: 'FormatViolation' },
      { problem: 'a string beyond its maximum length', payload: { ...started, transactionInfo: { transactionId: 'x'.repeat(37) } }, code: 'FormatViolation' },
    ])('answers $problem with a CALLERROR $code and stores nothing', async ({ payload, code }) => {
      await expect(client.call('TransactionEvent', payload)).rejects.toMatchObject({ rpcErrorCode: code });
      const stored = await sut.dataSource.getRepository(OcppTransactionEntity).countBy({ ocppStationId: stationRowId });
      expect(stored).toBe(0);
    });

    it('answers an action the CSMS does not handle with NotImplemented', async () => {
      await expect(client.call('DataTransfer', { vendorId: 'acme' })).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
    });
  });

  it('keeps a transaction through a disconnect: stale while offline, reconciled by the queued offline events', async () => {
    const station = await registerStation(sut, depot, { bidirectional: true });
    const cp = track(new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, ...station, bidirectional: true, maxPowerW: 11_000 }));
    await cp.connect();
    await cp.boot();
    const base = Date.now();
    const at = (minutesBefore: number): Date => new Date(base - minutesBefore * 60_000);
    await cp.startTransaction({ transactionId: 'tx-offline-1', arrival: at(40), departure: new Date(base + 3_600_000), energyNeedWh: 20_000 }, at(40));
    await cp.reportMeterValues(at(30));
    const transactions = sut.dataSource.getRepository(OcppTransactionEntity);
    const stations = sut.dataSource.getRepository(OcppStationEntity);

    await cp.loseConnection();
    const stale = await eventually(
      () =>
        transactions
          .findOne({ where: { station: { stationId: station.stationId }, transactionId: 'tx-offline-1' }, relations: { station: true } })
          .then((tx) => (tx?.telemetryStaleSince ? tx : null)),
      'the transaction is marked stale after the socket drops',
      10_000,
    );
    // The EV is still there as far as we know: the status stays, only the telemetry is stale.
    expect(stale.status).toBe('charging');
    expect(stale.station?.connected).toBe(false);
    const sessionWhileOffline: Array<{ status: string }> = await sut.dataSource.query(`SELECT status FROM sessions WHERE id = $1`, [stale.sessionId]);
    expect(sessionWhileOffline[0].status).toBe('charging');
    // No command can reach it meanwhile.
    await expect(sut.clear.execute({ stationId: station.stationId, transactionId: 'tx-offline-1' })).rejects.toMatchObject({ code: 'OCPP_STATION_NOT_CONNECTED' });

    // While offline the station keeps metering and the EV leaves; both events are queued.
    await cp.reportMeterValues(at(20));
    await cp.endTransaction(at(10));
    await cp.reconnect();

    const reconciled = await transactions.findOneByOrFail({ id: stale.id });
    expect(reconciled).toMatchObject({ status: 'finished', offlineEventCount: 2, telemetryStaleSince: null, lastSeqNo: 3 });
    expect(reconciled.endedAt?.toISOString()).toBe(at(10).toISOString());
    expect((await stations.findOneByOrFail({ stationId: station.stationId })).connected).toBe(true);
    const session: Array<{ status: string; actual_departure_at: Date }> = await sut.dataSource.query(`SELECT status, actual_departure_at FROM sessions WHERE id = $1`, [stale.sessionId]);
    expect(session[0].status).toBe('finished');
    expect(session[0].actual_departure_at.toISOString()).toBe(at(10).toISOString());
    const meterRows: Array<{ n: string }> = await sut.dataSource.query(`SELECT count(*) AS n FROM meter_values WHERE session_id = $1`, [stale.sessionId]);
    // Started, the online reading, the offline reading and the reading in Ended.
    expect(meterRows[0].n).toBe('4');
  });
});
