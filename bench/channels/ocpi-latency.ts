import { setTimeout as sleep } from 'node:timers/promises';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { loadConfig } from '@vpp/config';
import { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { SeededRandom } from '@vpp/dispatch/domain/__fixtures__/seeded-random';
import { eventually } from '@vpp/testing';
import { parseDecimal } from '@vpp/units';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { aPartyId, issueTokenA, OcpiTestApp, realSessions, startOcpiTestApp } from '../../test/ocpi/ocpi-test-app';
import type { BenchResult } from '../bench-case';
import { emitLatencies, simulatedCounterparty, WARM_UP_COMMANDS } from './latency-report';
import { dropScratchDatabase } from '../scratch-database';

// Real ElaadNL sessions the CPO replays; commands go round them.
const SESSIONS = 3;
// Alternating limits, so every command changes what the CPO applies.
const LIMITS_W = ['7400', '3700'];
// Polling only paces the next command; the latency comes from the row's own timestamps.
const POLL_MS = 10;
const COMMAND_DEADLINE_MS = 15_000;

interface CommandRow {
  status: string;
  result: string | null;
  result_at: Date | null;
  latency_ms: number | null;
}

/** A CPO registered through the credentials handshake, with live sessions pushed; their OCPI row ids. */
async function registeredCpo(test: OcpiTestApp, delayMs: number): Promise<{ cpo: SimulatedCpo; sessionIds: string[] }> {
  const partyId = aPartyId();
  const cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: `CPO ${delayMs} ms`, commandLatencyMs: delayMs, ignoreShare: 0 });
  await cpo.start();
  const { tokenA, versionsUrl } = await issueTokenA(test, 'NL', partyId);
  const answer = await cpo.register(versionsUrl, tokenA);
  if (answer.status !== 200) throw new Error(`CPO registration failed: HTTP ${answer.status}`);
  await cpo.pushSessions(realSessions(SESSIONS), new Date());
  const rows: { id: string }[] = await test.dataSource.query(
    `SELECT s.id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id WHERE p.party_id = $1 ORDER BY s.session_id`,
    [partyId],
  );
  if (rows.length !== SESSIONS) throw new Error(`expected ${SESSIONS} OCPI sessions, found ${rows.length}`);
  return { cpo, sessionIds: rows.map((r) => r.id) };
}

/**
 * OCPI: RequestChargingProfileUseCase (command row + outbox job in one transaction) -> outbox relay
 * -> BullMQ `connector` worker -> PUT chargingprofiles to the CPO -> the CPO's ChargingProfileResult
 * POSTed to our response_url, one command in flight. Latency ends when our result handler takes
 * the ACCEPTED result (its `result_at`); `sent_to_result_ms` is the part the platform records into
 * channel_latency (from the PUT leaving). The outbox relay polls at the configured interval;
 * commands are issued at a seeded random phase of it.
 */
export async function runOcpiLatency(delaysMs: readonly number[], commands: number, emit: (result: BenchResult) => void): Promise<void> {
  const outboxPollMs = loadConfig().outbox.pollIntervalMs;
  const test = await startOcpiTestApp('bench_channels_ocpi', { OUTBOX_POLL_INTERVAL_MS: String(outboxPollMs) });
  const databaseUrl = (test.dataSource.options as PostgresConnectionOptions).url;
  const cpos: SimulatedCpo[] = [];
  try {
    const sut = test.app.get(RequestChargingProfileUseCase, { strict: false });
    for (const delayMs of delaysMs) {
      const { cpo, sessionIds } = await registeredCpo(test, delayMs);
      cpos.push(cpo);
      const samples: number[] = [];
      const sentToResult: number[] = [];
      const phase = new SeededRandom(delayMs + 1);
      for (let i = 0; i < WARM_UP_COMMANDS + commands; i += 1) {
        // A command comes when the dispatcher needs it, not in step with the relay's polling; issued
        // right after the last confirmation it would always wait out most of a poll interval.
        await sleep(phase.between(0, outboxPollMs));
        const limit = parseDecimal(LIMITS_W[i % LIMITS_W.length]!);
        const issuedAt = Date.now();
        const command = await sut.execute({ sessionId: sessionIds[i % sessionIds.length]!, profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit }] } });
        const row = await eventually(async () => {
          const rows: CommandRow[] = await test.dataSource.query(
            `SELECT status, result, result_at, latency_ms FROM ocpi_charging_profile_commands WHERE id = $1 AND result_at IS NOT NULL`,
            [command.id],
          );
          return rows[0];
        }, `ocpi command ${i} answered on response_url`, COMMAND_DEADLINE_MS, POLL_MS);
        if (row.status !== 'confirmed' || row.result !== 'ACCEPTED' || row.result_at === null || row.latency_ms === null) {
          throw new Error(`ocpi command ${i} ended ${row.status}/${row.result}, not confirmed ACCEPTED`);
        }
        samples.push(row.result_at.getTime() - issuedAt);
        sentToResult.push(row.latency_ms);
        // The CPO's ActiveChargingProfile PUT follows the result: let it land before the next command.
        await cpo.settled();
      }
      process.stderr.write(`channels ocpi: ${WARM_UP_COMMANDS} + ${commands} commands at ${delayMs} ms CPO delay\n`);
      emitLatencies(samples, {
        simulator_delay_ms: delayMs,
        outbox_poll_interval_ms: outboxPollMs,
        path: 'RequestChargingProfileUseCase -> outbox -> BullMQ connector job -> PUT chargingprofiles (OCPI 2.2.1) -> ChargingProfileResult ACCEPTED on our response_url',
        data: `${SESSIONS} real ElaadNL sessions replayed by the CPO`,
        assumed: simulatedCounterparty('CPO (SimulatedCpo)', delayMs),
      }, emit, { field: 'sent_to_result_ms', samplesMs: sentToResult });
    }
  } finally {
    for (const cpo of cpos) await cpo.stop();
    await test.close();
    if (databaseUrl !== undefined) await dropScratchDatabase(databaseUrl);
  }
}
