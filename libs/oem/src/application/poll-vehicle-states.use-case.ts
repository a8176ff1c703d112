import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OemError } from '../domain/oem.errors';
import { OemCloudStatusEntity } from '../infrastructure/oem-cloud-status.entity';
import { OemLinkEntity } from '../infrastructure/oem-link.entity';
import { OemClouds } from './oem-clouds';
import { OemSessionTracker } from './oem-session-tracker';
import { storeVehicleStateIfNewer } from './vehicle-state.store';
import { VehicleStateTelemetry } from './vehicle-state-telemetry';

export interface PollRound {
  readonly oem: string;
  readonly links: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Links not polled this round because the OEM is backing off or our budget is used up. */
  readonly deferred: number;
  readonly failed: number;
  readonly backingOffUntil: Date | null;
}

// Vehicles polled at once in a round (HTTP to the cloud plus a few writes each). Bounded so a round
// stays inside the cloud's rate limit and our database pool.
const POLL_CONCURRENCY = 8;

/**
 * One polling round over every vehicle linked to one OEM. A 429 or 5xx ends the round: no further
 * vehicle is polled (those in flight finish), the rest is deferred and every vehicle keeps its last
 * known state (with its age) until the OEM answers.
 */
@Injectable()
export class PollVehicleStatesUseCase {
  private readonly logger = new Logger(PollVehicleStatesUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clouds: OemClouds,
    private readonly telemetry: VehicleStateTelemetry,
    private readonly sessions: OemSessionTracker,
  ) {}

  async execute(oem: string): Promise<PollRound> {
    const client = this.clouds.client(oem);
    const statuses = this.dataSource.getRepository(OemCloudStatusEntity);
    const stored = await statuses.findOne({ where: { oem } });
    if (stored) client.restore(stored);
    const links = await this.dataSource.getRepository(OemLinkEntity).find({ where: { oem }, order: { id: 'ASC' } });
    let updated = 0;
    let unchanged = 0;
    let failed = 0;
    let next = 0;
    let stopped = false;
    const pollOne = async (link: OemLinkEntity): Promise<void> => {
      try {
        const state = await client.fetchVehicleState(link.oemVehicleRef);
        // One conditional upsert: it needs no transaction of its own.
        const receivedAt = new Date();
        const isNew = await storeVehicleStateIfNewer(this.dataSource.manager, link, state, 'poll', receivedAt);
        if (isNew) updated += 1;
        else unchanged += 1;
        // Every state read, not only new ones: each step is idempotent, and it heals a state stored
        // whose session or meter value was not. The session first (plug-in opens it), then its meter value.
        const change = await this.sessions.track(link, state, receivedAt);
        await this.telemetry.record(link.vehicleId, state);
        if (change.sessionId !== null) await this.sessions.recordDelivered(change.sessionId, state, receivedAt);
      } catch (error) {
        if (!(error instanceof OemError)) {
          stopped = true;
          throw error;
        }
        if (error.code === 'OEM_RATE_LIMITED' || error.code === 'OEM_UNAVAILABLE' || error.code === 'OEM_BACKING_OFF') {
          if (!stopped) this.logger.warn({ oem, code: error.code, retryAt: error.retryAt }, 'OEM polling round stopped; last known states kept');
          stopped = true;
          return;
        }
        // One vehicle's bad answer (unknown car, malformed state) must not stop the others.
        failed += 1;
        this.logger.warn({ oem, oemLinkId: link.id, code: error.code }, 'OEM vehicle state not read');
      }
    };
    // Each vehicle's read and writes are independent of the others', so a bounded number run at once:
    // one after another, a round over 60 cars took ~0.4 s of round trips, and a cloud with tens of
    // thousands of cars could not be polled within its 5-minute cadence.
    const worker = async (): Promise<void> => {
      while (!stopped && next < links.length) await pollOne(links[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, links.length) }, worker));
    const status = client.status();
    const now = new Date();
    await statuses.upsert(
      {
        oem,
        consecutiveFailures: status.consecutiveFailures,
        backingOffUntil: status.backingOffUntil,
        lastErrorCode: status.lastErrorCode,
        lastSuccessAt: updated + unchanged > 0 ? now : (stored?.lastSuccessAt ?? null),
        updatedAt: now,
      },
      ['oem'],
    );
    return { oem, links: links.length, updated, unchanged, deferred: links.length - updated - unchanged - failed, failed, backingOffUntil: status.backingOffUntil };
  }
}
