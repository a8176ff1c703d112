import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { dataSourceOptions } from '@vpp/persistence';
import { waitFor } from '@vpp/testing';
import { seedPortfolio, SeededPortfolio } from '../../../../test/dispatch/dispatch-seed';
import { DispatchModule } from '../dispatch.module';
import { ActivationIntake } from './activation-intake';
import { ActivationState } from './activation-state';
import { StaleFencingTokenError } from './dispatch-fence';
import { DispatcherLoops } from './dispatcher-loops';
import { RecordCommandBatchesUseCase } from './record-command-batches';
import { SendDispatchBatchUseCase } from './send-dispatch-batch.use-case';
import { TsoFeedCredentials } from './tso-feed-credentials';

// Two dispatcher instances in one test process, each with its own Nest context, Redis client and
// lease holder id, sharing PostgreSQL and Redis like two pods. Loops are driven tick by tick here
// (and by their own timers in the last test); the lease TTL is short so failover is quick.
const LEASE_TTL_MS = 1_000;

async function startInstance(instanceId: string): Promise<INestApplicationContext> {
  const config = loadConfig({
    DISPATCH_INSTANCE_ID: instanceId, DISPATCH_LOOP_ENABLED: 'false', DISPATCH_LEASE_TTL_MS: String(LEASE_TTL_MS),
    DISPATCH_CYCLE_MS: '200', DISPATCH_STANDBY_POLL_MS: '100', DISPATCH_STALE_SETPOINT_S: '8',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 3 }) }), DispatchModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  return moduleRef.init();
}

function setpoint(sequence: number, setpointMw: number, issuedAt: Date = new Date()) {
  return { type: 'afrr-setpoint' as const, sequence, issuedAt: issuedAt.toISOString(), setpointMw };
}

describe('dispatcher lease failover and activation intake', () => {
  let a: INestApplicationContext;
  let b: INestApplicationContext;
  let dataSource: DataSource;
  let seeded: SeededPortfolio;

  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance('dispatcher-a'), startInstance('dispatcher-b')]);
    dataSource = a.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  beforeEach(async () => {
    const party = { countryCode: 'NL', partyId: 'CPO' };
    seeded = await seedPortfolio(dataSource, [
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '11', needKwh: '40', party },
      { channel: 'ocpi', maxKw: '22', needKwh: '60', party },
    ]);
    await a.get(TsoFeedCredentials).issue(seeded.portfolioId, 'test TSO');
  });

  it('ignores and counts stale and out-of-order setpoints, keeps the newest', async () => {
    const intake = a.get(ActivationIntake);
    const p = seeded.portfolioId;
    const now = new Date();
    expect((await intake.take(p, setpoint(10, 0.01, now), 'http', now)).outcome).toBe('accepted');
    expect((await intake.take(p, setpoint(9, 0.02, now), 'ws', now)).outcome).toBe('out-of-order');
    expect((await intake.take(p, setpoint(10, 0.02, now), 'http', now)).outcome).toBe('out-of-order');
    expect((await intake.take(p, setpoint(11, 0.03, new Date(now.getTime() - 9_000)), 'http', now)).outcome).toBe('stale');
    // The other instance's intake shares the order check (Redis), whichever instance the TSO reaches.
    expect((await b.get(ActivationIntake).take(p, setpoint(10, 0.05, now), 'http', now)).outcome).toBe('out-of-order');
    expect((await b.get(ActivationIntake).take(p, setpoint(12, 0.015, now), 'http', now)).outcome).toBe('accepted');

    const latest = await a.get(ActivationState).latestSetpoint(p);
    expect(latest).toMatchObject({ sequence: 12, kw: 15 });
    expect(await a.get(ActivationState).counts(p)).toEqual({ accepted: 2, 'out-of-order': 3, stale: 1 });
    const stored: Array<{ outcome: string; n: string }> = await dataSource.query(
      `SELECT outcome, count(*) AS n FROM dispatch_setpoints WHERE portfolio_id = $1 GROUP BY outcome ORDER BY outcome`, [p],
    );
    expect(stored).toEqual([{ outcome: 'accepted', n: '2' }, { outcome: 'out-of-order', n: '3' }, { outcome: 'stale', n: '1' }]);
  });

  it('fails over to the standby when the active holder dies, and a deposed holder cannot send', async () => {
    const p = seeded.portfolioId;
    const loopA = a.get(DispatcherLoops).createLoop(p);
    const loopB = b.get(DispatcherLoops).createLoop(p);

    await a.get(ActivationIntake).take(p, setpoint(1, 0.02), 'http');
    const first = await loopA.tick(new Date());
    expect(first.role).toBe('active');
    expect(first.changedCommands).toBeGreaterThan(0);
    expect((await loopB.tick(new Date())).role).toBe('standby');

    // A batch of A's that has not gone out yet when A dies.
    const pending = await a.get(RecordCommandBatchesUseCase).execute({
      portfolioId: p, fencingToken: first.fencingToken!, holder: 'dispatcher-a', now: new Date(),
      commands: [{ sessionId: seeded.sessionIds[0], channel: 'ocpi', party: 'NL*CPO', kw: 3 }],
    });

    // A "dies": it stops renewing. B takes over once the TTL has passed, with a newer fencing token.
    await sleep(LEASE_TTL_MS + 100);
    await b.get(ActivationIntake).take(p, setpoint(2, 0.03), 'http');
    const takeover = await loopB.tick(new Date());
    expect(takeover.role).toBe('active');
    expect(takeover.fencingToken).toBeGreaterThan(first.fencingToken!);

    // A wakes up: its renewal fails, it stands by and records nothing.
    const woken = await loopA.tick(new Date());
    expect(woken.role).toBe('standby');
    // Even a holder that skipped the renewal is refused by the fence in PostgreSQL.
    await expect(
      a.get(RecordCommandBatchesUseCase).execute({
        portfolioId: p, fencingToken: first.fencingToken!, holder: 'dispatcher-a', now: new Date(),
        commands: [{ sessionId: seeded.sessionIds[1], channel: 'ocpi', party: 'NL*CPO', kw: 0 }],
      }),
    ).rejects.toBeInstanceOf(StaleFencingTokenError);
    // And A's batch recorded before the takeover is superseded at send time, never sent.
    expect(await b.get(SendDispatchBatchUseCase).execute(pending.batchIds[0])).toBe('superseded');

    const sentWithStaleToken: Array<{ n: string }> = await dataSource.query(
      `SELECT count(*) AS n FROM dispatch_commands c JOIN dispatch_command_batches b ON b.id = c.batch_id
        WHERE b.portfolio_id = $1 AND b.fencing_token < $2 AND c.status NOT IN ('recorded', 'superseded')
          AND c.sent_at > (SELECT min(created_at) FROM dispatch_command_batches WHERE portfolio_id = $1 AND fencing_token = $2)`,
      [p, takeover.fencingToken],
    );
    expect(sentWithStaleToken[0].n).toBe('0');
    const fence: Array<{ fencing_token: string; holder: string }> = await dataSource.query(`SELECT fencing_token, holder FROM dispatch_fences WHERE portfolio_id = $1`, [p]);
    expect(fence).toEqual([{ fencing_token: String(takeover.fencingToken), holder: 'dispatcher-b' }]);
  });

  it('with running loops, the standby takes over within 10 s of the active loop stopping (crash: no release)', async () => {
    const p = seeded.portfolioId;
    const loopA = a.get(DispatcherLoops).createLoop(p);
    const loopB = b.get(DispatcherLoops).createLoop(p);
    await a.get(ActivationIntake).take(p, setpoint(1, 0.01), 'http');
    loopA.start();
    // A deadline for an event, not an assertion on speed: the brief's 10 s takeover bound.
    await waitFor('loop A active', async () => loopA.role === 'active', 10_000, 25);
    loopB.start();
    await sleep(300);
    expect(loopB.role).toBe('standby');
    const tokenA = loopA.fencingToken!;

    await loopA.stop(false);
    await waitFor('loop B active after A stopped', async () => loopB.role === 'active', 10_000, 25);
    expect(loopB.fencingToken).toBeGreaterThan(tokenA);
    await loopB.stop(true);
  });
});

