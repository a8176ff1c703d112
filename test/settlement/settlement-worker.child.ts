// One settlement worker process (queues, relay, the pipeline's processors) on the database and
// Redis prefix its parent test hands over in the environment. Started and killed by
// settlement-pipeline.e2e-spec.ts.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SettlementWorkerModule } from './settlement-worker.module';

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const app = await NestFactory.createApplicationContext(SettlementWorkerModule.forRoot({ workers: true, relay: true }), { logger: false });
  app.enableShutdownHooks();
  process.send?.('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
