// `npm run demo`: the main job. Today it runs the smallest real slice the platform has (see
// the README): one real delivery day cut into market time, real sessions priced at real
// day-ahead prices in exact decimals, and the run recorded through the outbox, a BullMQ job
// and the audit chain by the platform app's own modules. Later issues grow it into a full
// simulated market day.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PLATFORM_APP_NAME, PlatformModule } from '../apps/platform/src/platform.module';
import { loadConfigOrExit } from '@vpp/config';
import { readElaadNlSessions } from '@vpp/fleet/infrastructure/import/elaadnl-sessions.reader';
import { readDayAheadPrices } from '@vpp/markets/infrastructure/import/day-ahead-prices.reader';
import { createHttpApp, newCorrelationId } from '@vpp/observability';
import { migrateDatabase } from '@vpp/persistence';
import { demoOptions } from './demo/demo-options';
import { priceUncontrolledCharging } from './demo/price-sessions';
import { recordRun, verifyDemoChain, waitForProbe } from './demo/record-run';
import { printReport, runSummary } from './demo/report';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfigOrExit({ LOG_LEVEL: 'warn' });
  const options = demoOptions(config.dataDir);
  const applied = await migrateDatabase(config);

  const prices = readDayAheadPrices(options.pricesPath);
  const missing = prices.missingIsps(options.day);
  if (missing.length > 0) throw new Error(`${options.pricesPath} has no price for ${missing.length} ISPs of ${options.day.isoDate}`);
  const imported = readElaadNlSessions(options.sessionsPath, (arrival) => options.day.contains(arrival));
  const priced = priceUncontrolledCharging(options.day, imported.sessions, prices);
  const summary = runSummary(options, imported, priced);

  // The whole platform app, as `npm run start:platform` runs it, on a random loopback port.
  const app = await createHttpApp(PlatformModule, { appName: PLATFORM_APP_NAME, config });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const dataSource = app.get(DataSource);
    const recorded = await recordRun(dataSource, summary, newCorrelationId());
    const probe = await waitForProbe(dataSource, recorded.probeId, 20_000);
    const chain = await verifyDemoChain(dataSource);
    printReport({ options, imported, priced, summary, applied, recorded, probe, chain, elapsedMs: Date.now() - startedAt });
    if (probe.processedCount !== 1 || !chain.ok) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
