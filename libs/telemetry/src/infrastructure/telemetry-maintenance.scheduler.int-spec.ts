import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';
import { TEST_DATABASE_URL } from '@vpp/testing';
import { TelemetryMaintenanceScheduler } from './telemetry-maintenance.scheduler';

// A database of its own: nothing relays its outbox, so the rows stay to be counted, and no other
// test file's relay publishes (and runs) a retention job of this one.
const DATABASE = 'vpp_test_telemetry_schedule';

interface OutboxRow {
  job_name: string;
  idempotency_key: string;
  payload: { runDay: string };
}

describe(TelemetryMaintenanceScheduler.name, () => {
  let dataSource: DataSource;
  const databaseUrl = TEST_DATABASE_URL.replace(/\/vpp_test$/, `/${DATABASE}`);

  async function outbox(): Promise<OutboxRow[]> {
    return dataSource.query(
      `SELECT job_name, idempotency_key, payload FROM outbox WHERE job_name LIKE 'platform.%' ORDER BY idempotency_key`,
    );
  }

  beforeAll(async () => {
    const admin = new Client({ connectionString: databaseUrl.replace(`/${DATABASE}`, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
    await ensureDatabase(databaseUrl);
    dataSource = createDataSource(loadConfig({ DATABASE_URL: databaseUrl }), { poolSize: 3 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('offers the partition and retention jobs once per UTC day, however many replicas and ticks', async () => {
    const config = loadConfig({ DATABASE_URL: databaseUrl });
    const replicaA = new TelemetryMaintenanceScheduler(dataSource, config);
    const replicaB = new TelemetryMaintenanceScheduler(dataSource, config);

    const first = await replicaA.enqueue(new Date('2030-03-31T00:00:05Z'));
    const otherReplica = await replicaB.enqueue(new Date('2030-03-31T00:00:06Z'));
    const laterTick = await replicaA.enqueue(new Date('2030-03-31T23:59:59Z'));
    const nextDay = await replicaB.enqueue(new Date('2030-04-01T00:00:00Z'));

    expect(first).toEqual({ runDay: '2030-03-31', partitions: 'enqueued', retention: 'enqueued' });
    expect(otherReplica).toEqual({ runDay: '2030-03-31', partitions: 'duplicate', retention: 'duplicate' });
    expect(laterTick).toEqual({ runDay: '2030-03-31', partitions: 'duplicate', retention: 'duplicate' });
    expect(nextDay).toEqual({ runDay: '2030-04-01', partitions: 'enqueued', retention: 'enqueued' });
    expect((await outbox()).map((row) => [row.job_name, row.idempotency_key, row.payload.runDay])).toEqual([
      ['platform.ensure-meter-value-partitions', 'telemetry.ensure-partitions.2030-03-31', '2030-03-31'],
      ['platform.ensure-meter-value-partitions', 'telemetry.ensure-partitions.2030-04-01', '2030-04-01'],
      ['platform.apply-telemetry-retention', 'telemetry.retention.2030-03-31', '2030-03-31'],
      ['platform.apply-telemetry-retention', 'telemetry.retention.2030-04-01', '2030-04-01'],
    ]);
  });

  it('schedules today at boot in every replica, once', async () => {
    await dataSource.query(`DELETE FROM outbox`);
    const on = loadConfig({ DATABASE_URL: databaseUrl, TELEMETRY_MAINTENANCE_CHECK_SECONDS: '3600' });
    const replicas = [new TelemetryMaintenanceScheduler(dataSource, on), new TelemetryMaintenanceScheduler(dataSource, on)];
    try {
      await Promise.all(replicas.map((replica) => replica.onApplicationBootstrap()));
      const rows = await outbox();
      // Both replicas booted and ticked again (their inserts absorbed): still one job of each.
      await Promise.all(replicas.map((replica) => replica.enqueue(new Date())));
      expect(await outbox()).toHaveLength(2);
      expect(new Set(rows.map((row) => row.job_name))).toEqual(new Set(['platform.ensure-meter-value-partitions', 'platform.apply-telemetry-retention']));
      expect(rows.every((row) => row.payload.runDay === new Date().toISOString().slice(0, 10))).toBe(true);
    } finally {
      for (const replica of replicas) replica.onApplicationShutdown();
    }
  });
});
