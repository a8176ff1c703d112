import { TelemetryJobsModule } from '@vpp/telemetry';
import { SettlementPipelineModule } from '@vpp/settlement';
import { randomUUID } from 'node:crypto';
import { DynamicModule, Global, Injectable, INestApplicationContext, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ConfigModule, loadConfig } from '@vpp/config';
import { JobName, JobPayload } from './catalog/job-catalog';
import { AppName, QueueName } from './catalog/queue-name';
import { QueueProducers } from './connection/queue-producers';
import { PlatformJobsModule } from './probe/platform-jobs.module';
import { RequestQueueProbeUseCase } from './probe/request-queue-probe.use-case';
import type { JobContext, JobOutcome } from './processing/job-context';
import { JobHandler } from './processing/job-handler.decorator';
import { JobHandlerSetupError } from './queues.errors';
import { QueuesModule } from './queues.module';
import { QueuesRuntime } from './queues.runtime';
import { eventually } from '@vpp/testing';
import { createScratchDatabase, deleteQueueKeys, probeProcessedCount, ScratchDatabase, uniqueQueueSettings } from '../test/queue-test-kit';

Logger.overrideLogger(false);
jest.setTimeout(30_000);

@Injectable()
class SecondProbeProcessor {
  @JobHandler(QueueName.Platform, JobName.CompleteQueueProbe)
  async complete(_payload: JobPayload<typeof JobName.CompleteQueueProbe>, _context: JobContext): Promise<JobOutcome> {
    return 'skipped';
  }
}

@Module({ providers: [SecondProbeProcessor] })
class SecondProbeModule {}

/** Stands in for the app's global TypeOrmModule: the scratch database's DataSource. */
@Global()
@Module({})
class ScratchDataSourceModule {
  static with(dataSource: DataSource): DynamicModule {
    return { module: ScratchDataSourceModule, providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] };
  }
}

describe(QueuesModule.name, () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  async function boot(app: AppName, extraImports: (typeof PlatformJobsModule)[]): Promise<INestApplicationContext> {
    const settings = uniqueQueueSettings();
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, ScratchDataSourceModule.with(db.dataSource), QueuesModule.forRoot({ app }), ...extraImports],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: settings.prefix, OUTBOX_POLL_INTERVAL_MS: '50' }))
      .compile();
    return moduleRef.init();
  }

  it('refuses to boot an app that owns a queue whose job has no handler', async () => {
    const failure = boot(AppName.Settlement, []);

    await expect(failure).rejects.toBeInstanceOf(JobHandlerSetupError);
    await expect(failure).rejects.toThrow(/platform\.complete-queue-probe \(queue "platform"\) has no handler/);
  });

  it('refuses to boot when a job has two handlers, naming both', async () => {
    const failure = boot(AppName.Platform, [PlatformJobsModule, SecondProbeModule]);

    await expect(failure).rejects.toThrow(/platform\.complete-queue-probe has 2 handlers: .*QueueProbeProcessor\.complete.*SecondProbeProcessor\.complete|platform\.complete-queue-probe has 2 handlers: .*SecondProbeProcessor\.complete.*QueueProbeProcessor\.complete/);
  });

  it('refuses to boot a handler in an app that does not own its queue', async () => {
    await expect(boot(AppName.Planner, [PlatformJobsModule])).rejects.toThrow(/not owned by app "planner"/);
  });

  it('runs a probe end to end (outbox, relay, worker) and shuts down cleanly', async () => {
    // Settlement owns the platform queue; the telemetry housekeeping jobs share it, so their
    // real handlers come along, as in apps/settlement.
    const app = await boot(AppName.Settlement, [PlatformJobsModule, TelemetryJobsModule, SettlementPipelineModule]);
    const producers = app.get(QueueProducers);
    try {
      expect(app.get(QueuesRuntime).runningWorkers().map((worker) => worker.name)).toContain(QueueName.Platform);
      const { probeId } = await db.dataSource.transaction((manager) =>
        new RequestQueueProbeUseCase().execute(manager, { requestedBy: 'test', correlationId: `test-${randomUUID()}` }),
      );

      await eventually(async () => ((await probeProcessedCount(db.dataSource, probeId)) === 1 ? true : undefined), 'the probe', 15_000);

      const job = await producers.queue(QueueName.Platform).getJob(`queue-probe.${probeId}`);
      await eventually(async () => ((await job?.getState()) === 'completed' ? true : undefined), 'the job to complete', 5_000);
      expect(job?.prefix).toBe(producers.settings.prefix);
    } finally {
      await app.close();
      await deleteQueueKeys(producers.settings);
    }
    expect(app.get(QueuesRuntime).runningWorkers()).toHaveLength(0);
  });
});
