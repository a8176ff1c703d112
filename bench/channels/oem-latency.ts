import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { OemApiModule, OemConnectorModule, SendOemCommandUseCase } from '@vpp/oem';
import { eventually } from '@vpp/testing';
import { parseDecimal, PowerKw } from '@vpp/units';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { call, seedOrganisation } from '../../test/access/access-test-app';
import { seedVehicle, startPartETestApp } from '../../test/oem/part-e-test-app';
import type { BenchResult } from '../bench-case';
import { emitLatencies, simulatedCounterparty, WARM_UP_COMMANDS } from './latency-report';
import { createScratchDatabase } from '../scratch-database';

const ACN_FILE = 'ev-sessions-acn-caltech-2020-12-to-2021-06.csv';
// Shared by both sides, as an operator configures it; a bench value, not a secret.
const WEBHOOK_SECRET = 'whsec-bench-channels-0123456789';
// Well above what one command in flight needs, so neither side throttles the run.
const RATE_LIMIT_PER_MINUTE = 100_000;
// Alternating limits, so every command changes what the car draws.
const LIMITS_KW = ['3.7', '7.4'];
// Polling only paces the next command; the latency comes from the row's own timestamps.
const POLL_MS = 10;
const COMMAND_DEADLINE_MS = 15_000;

interface CommandRow {
  status: string;
  sent_at: Date;
  latency_ms: number | null;
}

function cloudName(delayMs: number): string {
  return `sim-oem-${delayMs}ms`;
}

function cloudConfig(name: string, baseUrl: string): Record<string, unknown> {
  return {
    name,
    baseUrl,
    auth: { type: 'oauth-client-credentials', tokenUrl: `${baseUrl}/oauth/token`, clientId: `client-${name}`, clientSecret: 'client-secret' },
    pollIntervalMs: 60_000,
    rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
    webhookSecret: WEBHOOK_SECRET,
  };
}

/**
 * OEM: SendOemCommandUseCase.executeForDispatch (the dispatcher's path) -> POST command to the OEM
 * cloud (OAuth client credentials) -> the cloud applies it after its delay -> signed command.result
 * webhook at POST /oem/webhooks/:oem, one command in flight. Latency ends when our webhook handler
 * receives the result (sent_at + latency_ms of the command row); `sent_to_webhook_ms` is the part
 * the platform records into channel_latency. One simulated cloud per configured delay, one car each.
 */
export async function runOemLatency(delaysMs: readonly number[], commands: number, emit: (result: BenchResult) => void): Promise<void> {
  const { vehicles } = readAcnSimVehicles(join(loadConfig().dataDir, ACN_FILE), 1);
  const clouds = delaysMs.map(
    (delayMs) =>
      new SimulatedOemCloud({
        vehicles,
        clientId: `client-${cloudName(delayMs)}`,
        clientSecret: 'client-secret',
        webhookUrl: 'http://127.0.0.1:9/unset',
        webhookSecret: WEBHOOK_SECRET,
        rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
        commandLatencyMs: delayMs,
      }),
  );
  const cloudUrls: string[] = [];
  for (const cloud of clouds) cloudUrls.push(await cloud.start());
  const database = await createScratchDatabase('channels_oem');
  const sut = await startPartETestApp([OemConnectorModule, OemApiModule], {
    DATABASE_URL: database.url,
    OEM_CLOUDS: JSON.stringify(delaysMs.map((delayMs, i) => cloudConfig(cloudName(delayMs), cloudUrls[i]!))),
  });
  try {
    const owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const send = sut.app.get(SendOemCommandUseCase, { strict: false });
    for (const [index, delayMs] of delaysMs.entries()) {
      const cloud = clouds[index]!;
      const oem = cloudName(delayMs);
      cloud.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${oem}`);
      const { vehicleId } = await seedVehicle(sut.dataSource, owner.organisationId, `bench-car-${delayMs}ms`);
      const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${vehicleId}/oem-link`, {
        key: owner.key,
        body: { oem, accountId: vehicles[0]!.accountId, oemVehicleRef: vehicles[0]!.oemVehicleRef },
      });
      if (linked.status !== 201) throw new Error(`oem link failed: HTTP ${linked.status} ${JSON.stringify(linked.body)}`);
      const samples: number[] = [];
      const sentToWebhook: number[] = [];
      for (let i = 0; i < WARM_UP_COMMANDS + commands; i += 1) {
        const limit = PowerKw.of(parseDecimal(LIMITS_KW[i % LIMITS_KW.length]!));
        const issuedAt = Date.now();
        const command = await send.executeForDispatch(vehicleId, { type: 'charge-limit', limit });
        if (command === null) throw new Error('vehicle has no OEM link');
        const row = await eventually(async () => {
          const rows: CommandRow[] = await sut.dataSource.query(`SELECT status, sent_at, latency_ms FROM oem_commands WHERE id = $1 AND latency_ms IS NOT NULL`, [command.id]);
          return rows[0];
        }, `oem command ${i} settled`, COMMAND_DEADLINE_MS, POLL_MS);
        if (row.status !== 'applied' || row.latency_ms === null) throw new Error(`oem command ${i} ended ${row.status}, not applied`);
        samples.push(row.sent_at.getTime() + row.latency_ms - issuedAt);
        sentToWebhook.push(row.latency_ms);
        // The cloud pushes the car's new state after the result: let both webhooks land first.
        await eventually(() => (cloud.sentWebhooks.length >= 2 * (i + 1) ? true : null), 'the state webhooks after the command', COMMAND_DEADLINE_MS, POLL_MS);
      }
      process.stderr.write(`channels oem: ${WARM_UP_COMMANDS} + ${commands} commands at ${delayMs} ms OEM delay\n`);
      emitLatencies(samples, {
        simulator_delay_ms: delayMs,
        path: 'SendOemCommandUseCase.executeForDispatch -> POST command to the OEM cloud (OAuth) -> signed command.result webhook received at /oem/webhooks/:oem',
        data: `car seeded from a real ACN-Data session (${ACN_FILE})`,
        assumed: simulatedCounterparty('OEM cloud (SimulatedOemCloud)', delayMs),
      }, emit, { field: 'sent_to_webhook_ms', samplesMs: sentToWebhook });
    }
  } finally {
    await sut.close();
    for (const cloud of clouds) await cloud.stop();
    await database.drop();
  }
}
