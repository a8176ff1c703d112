import { createHash } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntervalTicker, intervalBucket } from '@vpp/queues';
import { enqueuePartyPull } from '../../application/enqueue-party-pull';
import { OcpiSettings } from '../../application/ocpi-settings';
import { OcpiPartyEntity } from '../ocpi-party.entity';

// transport_and_format "Pull and Push": pull on a low interval "and introduce some splay". Each
// party's pull is delayed by a share of the interval derived from its id, so parties do not all
// hit their CPOs (and our workers) at the same second, and every replica computes the same delay.
const SPLAY_SHARE = 0.2;

export function splayMs(ocpiPartyId: string, intervalMs: number): number {
  const fraction = createHash('sha256').update(ocpiPartyId).digest().readUInt32BE(0) / 2 ** 32;
  return Math.floor(fraction * intervalMs * SPLAY_SHARE);
}

/**
 * Every `OCPI_PULL_INTERVAL_SECONDS` (0 = off), enqueues one `connector.pull-ocpi-party` per
 * registered party. The idempotency key is (party, interval bucket), so however many connector
 * replicas tick in the same bucket, each party gets one job (the outbox's unique key absorbs the
 * rest), the same scheme as the stale-sessions check.
 */
@Injectable()
export class OcpiPullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OcpiPullScheduler.name);
  private readonly ticker = new IntervalTicker();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(
      this.settings.pullIntervalSeconds * 1000,
      (now) => this.enqueue(now),
      (error) => this.logger.error({ msg: 'ocpi pulls not enqueued', err: error }),
    );
  }

  onApplicationShutdown(): void {
    this.ticker.stop();
  }

  /** Enqueues the pulls of the bucket `now` falls in; returns how many this call added. */
  async enqueue(now: Date): Promise<number> {
    const intervalMs = Math.max(1, this.settings.pullIntervalSeconds) * 1000;
    const { key: bucket } = intervalBucket(now, intervalMs);
    return this.dataSource.transaction(async (manager) => {
      const parties = await manager.find(OcpiPartyEntity, { where: { status: 'registered' }, select: { id: true }, order: { id: 'ASC' } });
      let added = 0;
      for (const party of parties) {
        if ((await enqueuePartyPull(manager, party.id, bucket, splayMs(party.id, intervalMs))) === 'enqueued') added += 1;
      }
      return added;
    });
  }
}
