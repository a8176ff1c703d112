import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { RecordChannelLatencyUseCase } from '@vpp/fleet';
import { CongestionOrdersLoader } from '../infrastructure/congestion-orders.loader';
import { PortfolioSessionsLoader } from '../infrastructure/portfolio-sessions.loader';
import { DispatchRedis } from '../infrastructure/redis/dispatch-redis';
import { PortfolioLease } from '../infrastructure/redis/portfolio-lease';
import { ActivationState } from './activation-state';
import { DispatchStateMirror } from './dispatch-state-mirror';
import { PortfolioLoop } from './portfolio-loop';
import { RecordCommandBatchesUseCase } from './record-command-batches';
import { TsoFeedCredentials } from './tso-feed-credentials';

// Initial session slots per portfolio loop; the loop doubles them when a refresh brings more sessions.
const FLEET_CAPACITY = 1_024;

/**
 * The dispatcher's loops: one PortfolioLoop per portfolio with a live TSO feed, discovered at boot
 * and on each session refresh. Every instance runs a loop per portfolio; the lease decides which one
 * is active, the others stand by and take over when it stops renewing.
 */
@Injectable()
export class DispatcherLoops implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DispatcherLoops.name);
  private readonly loops = new Map<string, PortfolioLoop>();
  private readonly lease: PortfolioLease;
  readonly holder: string;
  private discovery?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    redis: DispatchRedis,
    private readonly loader: PortfolioSessionsLoader,
    private readonly signals: ActivationState,
    private readonly recorder: RecordCommandBatchesUseCase,
    private readonly mirror: DispatchStateMirror,
    private readonly feeds: TsoFeedCredentials,
    private readonly congestion: CongestionOrdersLoader,
    private readonly recordLatency: RecordChannelLatencyUseCase,
  ) {
    this.lease = new PortfolioLease(redis.client, (...parts) => redis.key(...parts), config.dispatch.leaseTtlMs);
    this.holder = config.dispatch.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.dispatch.loopEnabled) return;
    await this.discover();
    const every = this.config.dispatch.sessionRefreshS * 1000;
    this.discovery = setInterval(() => void this.discover().catch((error: unknown) => this.logger.error({ err: error }, 'portfolio discovery failed')), every);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.discovery) clearInterval(this.discovery);
    await Promise.all([...this.loops.values()].map((loop) => loop.stop(true)));
    this.loops.clear();
  }

  /** Starts loops for portfolios that got a feed; stops those whose feeds were all revoked. */
  async discover(): Promise<void> {
    const wanted = new Set(await this.feeds.portfoliosWithFeed());
    for (const portfolioId of wanted) if (!this.loops.has(portfolioId)) this.startLoop(portfolioId);
    for (const [portfolioId, loop] of this.loops) {
      if (wanted.has(portfolioId)) continue;
      await loop.stop(true);
      this.loops.delete(portfolioId);
    }
  }

  loop(portfolioId: string): PortfolioLoop | undefined {
    return this.loops.get(portfolioId);
  }

  /** For failover tests: stop every loop WITHOUT releasing leases, as a crashed process would. */
  async halt(): Promise<void> {
    if (this.discovery) clearInterval(this.discovery);
    await Promise.all([...this.loops.values()].map((loop) => loop.stop(false)));
  }

  /** A loop not yet started; `leaseClockMs` lets a caller that drives tick(now) in simulated time check the lease in that time. */
  createLoop(portfolioId: string, leaseClockMs?: () => number): PortfolioLoop {
    const d = this.config.dispatch;
    return new PortfolioLoop(
      portfolioId,
      { holder: this.holder, cycleMs: d.cycleMs, fcrEvalMs: d.fcrEvalMs, standbyPollMs: d.standbyPollMs, staleSetpointS: d.staleSetpointS, silentFeedS: d.silentFeedS, sessionRefreshS: d.sessionRefreshS, capacity: FLEET_CAPACITY },
      { dataSource: this.dataSource, lease: this.lease, loader: this.loader, signals: this.signals, recorder: this.recorder, mirror: this.mirror, logger: this.logger, congestion: this.congestion, recordLatency: this.recordLatency, leaseClockMs },
    );
  }

  private startLoop(portfolioId: string): void {
    const loop = this.createLoop(portfolioId);
    this.loops.set(portfolioId, loop);
    loop.start();
    this.logger.log({ portfolioId, holder: this.holder }, 'dispatch loop started');
  }
}
