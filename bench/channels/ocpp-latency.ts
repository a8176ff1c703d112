import { performance } from 'node:perf_hooks';
import { parseDecimal } from '@vpp/units';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { registerStation, seedDepot, startCsmsTestApp } from '../../test/ocpp/csms-test-app';
import type { BenchResult } from '../bench-case';
import { emitLatencies, simulatedCounterparty, WARM_UP_COMMANDS } from './latency-report';
import { createScratchDatabase } from '../scratch-database';

const TRANSACTION_ID = 'tx-bench-latency';

/**
 * OCPP: SendChargingCommandUseCase -> SetChargingProfile CALL over the station's WebSocket ->
 * CALLRESULT Accepted, one command in flight, alternating a 7.4 kW discharge and an 11 kW charge
 * setpoint (a V2X 2.1 station). One connector app (OcppModule over Fastify, own database) and
 * one simulated charge point per configured answer delay.
 */
export async function runOcppLatency(delaysMs: readonly number[], commands: number, emit: (result: BenchResult) => void): Promise<void> {
  const database = await createScratchDatabase('channels_ocpp');
  const sut = await startCsmsTestApp({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const chargePoints: SimulatedChargePoint[] = [];
  try {
    const depot = await seedDepot(sut);
    for (const delayMs of delaysMs) {
      const station = await registerStation(sut, depot, { bidirectional: true });
      const cp = new SimulatedChargePoint({ endpoint: sut.ocppEndpoint, ...station, bidirectional: true, maxPowerW: 11_000, responseLatencyMs: delayMs });
      chargePoints.push(cp);
      await cp.connect();
      await cp.boot();
      // The session's need and times do not enter the command path; any open transaction does.
      await cp.startTransaction({ transactionId: TRANSACTION_ID, arrival: new Date(Date.now() - 60_000), departure: new Date(Date.now() + 3_600_000), energyNeedWh: 20_000 });
      const samples: number[] = [];
      const callToResult: number[] = [];
      for (let i = 0; i < WARM_UP_COMMANDS + commands; i += 1) {
        const setpointKw = parseDecimal(i % 2 === 0 ? '-7.4' : '11');
        const issuedAt = performance.now();
        const outcome = await sut.send.execute({ stationId: station.stationId, transactionId: TRANSACTION_ID, command: { kind: 'setpoint', setpointKw } });
        const confirmedAt = performance.now();
        if (outcome.status !== 'accepted') throw new Error(`ocpp command ${i} was ${outcome.status}, not accepted`);
        samples.push(confirmedAt - issuedAt);
        callToResult.push(outcome.latencyMs ?? Number.NaN);
      }
      if (cp.receivedProfiles.length !== WARM_UP_COMMANDS + commands) throw new Error(`station applied ${cp.receivedProfiles.length} of ${WARM_UP_COMMANDS + commands} profiles`);
      process.stderr.write(`channels ocpp: ${WARM_UP_COMMANDS} + ${commands} commands at ${delayMs} ms station delay\n`);
      emitLatencies(samples, {
        simulator_delay_ms: delayMs,
        path: 'SendChargingCommandUseCase -> SetChargingProfile over WebSocket (OCPP 2.1) -> CALLRESULT Accepted, row recorded',
        assumed: simulatedCounterparty('charge point (SimulatedChargePoint)', delayMs),
      }, emit, { field: 'call_to_callresult_ms', samplesMs: callToResult });
    }
  } finally {
    await Promise.all(chargePoints.map((cp) => cp.close()));
    await sut.close();
    await database.drop();
  }
}
