import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import type { DeliveryDay } from '@vpp/units';
import { replayedSessionsOf, type ReplayedSession } from '../../apps/simulator/src/cpo/cpo-replay';
import type { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { allSettledOrThrow } from './all-settled';
import { ownSessions, storedSessionsPerParty, type CpoOutcome } from './cpo-stage';
import type { DayParticipant } from './day-driver';
import { stateDriverNeeds, type DriverNeedsOutcome, type PushedBatch } from './driver-needs-stage';
import type { Party } from './seed-parties';

export interface CpoPlugInsInput {
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  /** The aggregator, who takes the drivers' needs under each CPO's delegation. */
  readonly operator: Party;
  readonly portfolioId: string;
  readonly day: DeliveryDay;
  /** The onboarded CPOs, in the order of their parties (the site rule of import-sessions.ts deals their sites). */
  readonly cpos: readonly SimulatedCpo[];
  /** The day's sessions at the CPOs' sites, in data order (which numbers each CPO's session ids S1, S2, ...). */
  readonly sessions: readonly ImportedSession[];
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface PlugIn {
  readonly replayed: ReplayedSession;
  readonly source: ImportedSession;
}

interface CpoQueue {
  readonly cpo: SimulatedCpo;
  /** In arrival order; those before `next` are pushed. */
  readonly plugIns: readonly PlugIn[];
  next: number;
}

// A type, not an interface: the day driver takes counts as a plain record.
export type CpoPlugInCounts = {
  readonly sessionsPushed: number;
  readonly pushedPerParty: Record<string, number>;
  readonly needsStated: number;
  readonly unmatched: number;
  readonly departedBeforeStated: number;
  /** The longest a car waited between its arrival and its session's push (the day driver's step at most). */
  readonly maxPushDelayS: number | null;
  readonly notYetArrived: number;
};

/**
 * The instant half of the sessions had arrived (the lower median of their arrivals on the day, as
 * PostgreSQL's percentile_disc(0.5) picks it); null when none arrives on the day.
 */
export function medianArrival(sessions: readonly ImportedSession[], day: DeliveryDay): Date | null {
  const arrivals = sessions
    .map((s) => s.arrival.getTime())
    .filter((ms) => ms >= day.start.getTime() && ms < day.end.getTime())
    .sort((a, b) => a - b);
  return arrivals.length === 0 ? null : new Date(arrivals[Math.ceil(arrivals.length / 2) - 1]);
}

/**
 * The CPOs on the driven day (day-driver.ts calls it before each instant's events and cycle): a
 * real CPO sends a session when the car plugs in, so at each instant every CPO PUTs, as ACTIVE and
 * in arrival order, its sessions whose car has arrived by then and that it has not pushed yet (its
 * Locations are known since onboarding), through SimulatedCpo.pushSessions; right after, their
 * drivers state their energy need and departure (driver-needs-stage.ts). A car is pushed at the
 * first instant the driver reaches at or after its arrival: 5 simulated minutes apart at most, 4 s
 * in the sampled hour. The session's start is its arrival in the data, never the push instant.
 */
export class CpoPlugIns implements DayParticipant {
  private readonly queues: CpoQueue[];
  private readonly pushedPerParty: Record<string, number> = {};
  private pushed = 0;
  private needsStated = 0;
  private unmatched = 0;
  private departedBeforeStated = 0;
  private maxPushDelayMs: number | null = null;
  private pushFailure: string | null = null;
  private needsFailure: string | null = null;

  constructor(private readonly input: CpoPlugInsInput) {
    this.queues = input.cpos.map((cpo, index) => {
      const own = ownSessions(input.sessions, index, input.cpos.length);
      // Numbered in data order, as the CPO's own sequence; pushed in arrival order (a stable sort keeps ties in data order).
      const plugIns = replayedSessionsOf(own)
        .map((replayed, i) => ({ replayed, source: own[i] }))
        .sort((a, b) => a.replayed.arrival.getTime() - b.replayed.arrival.getTime());
      return { cpo, plugIns, next: 0 };
    });
  }

  // The CPOs side by side, as independent CPOs send: each one's pushes and needs stay in its own
  // order, and the platform's answers are waited on for the three at once, not one after another.
  // Every CPO's batch is tried; the first failure is thrown once all have settled.
  async advance(now: Date): Promise<void> {
    await allSettledOrThrow(this.queues.map((queue) => this.plugIn(queue, now)));
  }

  private async plugIn(queue: CpoQueue, now: Date): Promise<void> {
    let end = queue.next;
    while (end < queue.plugIns.length && queue.plugIns[end].replayed.arrival.getTime() <= now.getTime()) end += 1;
    if (end === queue.next) return;
    const batch = queue.plugIns.slice(queue.next, end);
    const replayed = batch.map((p) => p.replayed);
    await queue.cpo.pushSessions(replayed, now, { locations: false }).catch((error: unknown) => {
      this.pushFailure ??= messageOf(error);
      throw error;
    });
    queue.next = end;
    const { countryCode, partyId } = queue.cpo.identity;
    const party = `${countryCode}*${partyId}`;
    this.pushedPerParty[party] = (this.pushedPerParty[party] ?? 0) + batch.length;
    this.pushed += batch.length;
    const longest = now.getTime() - batch[0].replayed.arrival.getTime();
    this.maxPushDelayMs = Math.max(this.maxPushDelayMs ?? 0, longest);
    const needs = await this.stateNeeds({ countryCode, partyId, sessionIds: replayed.map((r) => r.sessionId), sessions: batch.map((p) => p.source) }, now).catch((error: unknown) => {
      this.needsFailure ??= messageOf(error);
      throw error;
    });
    this.needsStated += needs.stated;
    this.unmatched += needs.unmatched;
    this.departedBeforeStated += needs.departedBeforeStated;
  }

  private stateNeeds(batch: PushedBatch, now: Date): Promise<DriverNeedsOutcome> {
    const { baseUrl, dataSource, operator, portfolioId, day } = this.input;
    return stateDriverNeeds(baseUrl, dataSource, operator, portfolioId, day, batch, now);
  }

  counts(): CpoPlugInCounts {
    return {
      sessionsPushed: this.pushed,
      pushedPerParty: { ...this.pushedPerParty },
      needsStated: this.needsStated,
      unmatched: this.unmatched,
      departedBeforeStated: this.departedBeforeStated,
      maxPushDelayS: this.maxPushDelayMs === null ? null : Math.round(this.maxPushDelayMs / 1000),
      notYetArrived: this.queues.reduce((n, q) => n + q.plugIns.length - q.next, 0),
    };
  }

  /** Why a CPO's push failed, if one did (the day driver stops there). */
  get pushError(): string | null {
    return this.pushFailure;
  }

  /** Why stating a driver's need failed, if it did. */
  get needsError(): string | null {
    return this.needsFailure;
  }

  /** What the CPOs pushed over the day and what the platform stored of it per party (read at the end). */
  async outcome(): Promise<CpoOutcome> {
    return { sessionsPushed: this.pushed, sessionsStored: await storedSessionsPerParty(this.input.dataSource) };
  }
}
