import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { QueueName } from '../catalog/queue-name';
import { CompleteQueueProbeUseCase } from '../probe/complete-queue-probe.use-case';
import { insertProbe, probeProcessedCount } from '../../test/queue-test-kit';
import { runIdempotently } from './run-idempotently';

describe(runIdempotently.name, () => {
  let dataSource: DataSource;
  const completeProbe = new CompleteQueueProbeUseCase();

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 6 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const aJobRef = (idempotencyKey = `test-key.${randomUUID()}`, jobId = randomUUID()) => ({
    queue: QueueName.Platform,
    jobName: 'platform.complete-queue-probe',
    idempotencyKey,
    jobId: `job-${jobId}`,
  });

  it('runs the effect once for two sequential deliveries of the same key', async () => {
    const probeId = await insertProbe(dataSource);
    const key = `test-key.${randomUUID()}`;

    const first = await runIdempotently(dataSource, aJobRef(key), (manager) => completeProbe.execute(manager, probeId));
    const second = await runIdempotently(dataSource, aJobRef(key), (manager) => completeProbe.execute(manager, probeId));

    expect([first.outcome, second.outcome]).toEqual(['done', 'skipped']);
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1);
  });

  it('runs the effect once when four deliveries of the same key race', async () => {
    const probeId = await insertProbe(dataSource);
    const key = `test-key.${randomUUID()}`;

    const outcomes = await Promise.all(
      [1, 2, 3, 4].map(() =>
        runIdempotently(dataSource, aJobRef(key), async (manager) => {
          await completeProbe.execute(manager, probeId);
          // Hold the transaction open so the other deliveries really overlap with it.
          await new Promise((resolve) => setTimeout(resolve, 100));
        }),
      ),
    );

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1);
  });

  it('forgets the key when the effect fails, so a retry runs the effect', async () => {
    const probeId = await insertProbe(dataSource);
    const key = `test-key.${randomUUID()}`;

    await expect(
      runIdempotently(dataSource, aJobRef(key), async (manager) => {
        await completeProbe.execute(manager, probeId);
        throw new Error('partner timed out');
      }),
    ).rejects.toThrow('partner timed out');
    expect(await probeProcessedCount(dataSource, probeId)).toBe(0);

    const retry = await runIdempotently(dataSource, aJobRef(key), (manager) => completeProbe.execute(manager, probeId));

    expect(retry.outcome).toBe('done');
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1);
  });

  it('keeps keys of different queues apart', async () => {
    const probeId = await insertProbe(dataSource);
    const key = `test-key.${randomUUID()}`;

    await runIdempotently(dataSource, aJobRef(key), (manager) => completeProbe.execute(manager, probeId));
    const other = await runIdempotently(dataSource, { ...aJobRef(key), queue: QueueName.Reports }, (manager) =>
      completeProbe.execute(manager, probeId),
    );

    expect(other.outcome).toBe('done');
    expect(await probeProcessedCount(dataSource, probeId)).toBe(2);
  });
});
