import { parseDecimal } from '@vpp/units';
import { CommandOutcome, summariseLatencies } from '@vpp/ocpp';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { CsmsTestApp, Depot, registerStation, seedDepot, startCsmsTestApp } from './csms-test-app';

// Measures the ocpp channel's command latency (SetChargingProfile request -> CALLRESULT) over a
// real WebSocket on 127.0.0.1. The figures are printed for the issue note; nothing asserts on
// speed (ARCHITECTURE.md section 7: speed lives in benchmarks, not in timed tests).
const COMMANDS = 50;

describe('OCPP command latency (measurement)', () => {
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

  it.each([
    { label: 'immediate station', responseLatencyMs: 0 },
    { label: 'station answering after 25 ms', responseLatencyMs: 25 },
  ])('sends $label 50 alternating charge/discharge setpoints, all accepted, and records each latency', async ({ label, responseLatencyMs }) => {
    const station = await registerStation(sut, depot, { bidirectional: true });
    const cp = new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, ...station, bidirectional: true, maxPowerW: 11_000, responseLatencyMs });
    chargePoints.push(cp);
    await cp.connect();
    await cp.boot();
    await cp.startTransaction({ transactionId: 'tx-latency', arrival: new Date(Date.now() - 60_000), departure: new Date(Date.now() + 3_600_000), energyNeedWh: 20_000 });

    const outcomes: CommandOutcome[] = [];
    for (let i = 0; i < COMMANDS; i += 1) {
      const setpointKw = parseDecimal(i % 2 === 0 ? '-7.4' : '11');
      outcomes.push(await sut.send.execute({ stationId: station.stationId, transactionId: 'tx-latency', command: { kind: 'setpoint', setpointKw } }));
    }

    expect(outcomes.map((o) => o.status)).toEqual(Array<string>(COMMANDS).fill('accepted'));
    expect(cp.receivedProfiles).toHaveLength(COMMANDS);
    const summary = summariseLatencies(outcomes.map((o) => o.latencyMs ?? Number.NaN));
    expect(summary.count).toBe(COMMANDS);
    const stored: Array<{ n: string }> = await sut.dataSource.query(
      `SELECT count(*) AS n FROM ocpp_commands c JOIN ocpp_stations s ON s.id = c.ocpp_station_id WHERE s.station_id = $1 AND c.status = 'accepted' AND c.latency_ms IS NOT NULL`,
      [station.stationId],
    );
    expect(stored[0].n).toBe(String(COMMANDS));
    process.stdout.write(
      `${JSON.stringify({ suite: 'ocpp', case: `set-charging-profile-${responseLatencyMs}ms-station`, label, commands: summary.count, median_ms: summary.medianMs.toFixed(2), p95_ms: summary.p95Ms.toFixed(2), max_ms: summary.maxMs.toFixed(2) })}\n`,
    );
  });
});
