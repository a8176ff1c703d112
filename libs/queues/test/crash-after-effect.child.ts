// A worker process that dies the moment its job's effect has committed: after the transaction,
// before BullMQ can mark the job completed. Started by job-processing.int-spec.ts.
import { Logger } from '@nestjs/common';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { JobName } from '../src/catalog/job-catalog';
import { QueueName } from '../src/catalog/queue-name';
import { QueueProbeProcessor } from '../src/probe/queue-probe.processor';
import { JobDispatcher } from '../src/processing/job-dispatcher';
import { createJobWorker } from '../src/processing/job-worker';

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  // Everything comes in as arguments: jest's test environment does not hand its env to children.
  const [databaseUrl, redisUrl, prefix, lockDuration] = process.argv.slice(2);
  if (databaseUrl === undefined || redisUrl === undefined || prefix === undefined || lockDuration === undefined) {
    throw new Error('usage: crash-after-effect.child <databaseUrl> <redisUrl> <prefix> <lockDurationMs>');
  }
  const dataSource = createDataSource(loadConfig(), { url: databaseUrl, poolSize: 2 });
  await dataSource.initialize();
  const processor = new QueueProbeProcessor(dataSource);
  const dispatcher = new JobDispatcher({
    [JobName.CompleteQueueProbe]: async (payload, context) => {
      const outcome = await processor.complete(payload, context);
      process.kill(process.pid, 'SIGKILL');
      return outcome;
    },
  });
  createJobWorker(QueueName.Platform, dispatcher, { redisUrl, prefix }, {
    concurrency: 1,
    lockDuration: Number.parseInt(lockDuration, 10),
    // Every worker of a queue shares one stalled-check throttle key in Redis, expiring after
    // the stalledInterval of whoever set it; a BullMQ default here would delay the next worker.
    stalledInterval: 300,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
