import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BaselineRecordError } from '../../domain/baseline-records/baseline-record.errors';
import { loadLiveSessions } from '../planning/live-sessions.query';
import { RecordBaselineUseCase } from './record-baseline.use-case';
import { sessionUncontrolledBaseline } from './session-baseline';

export type SessionBaselineOutcome =
  | { readonly outcome: 'recorded' | 'already_recorded'; readonly baselineRecordId: string }
  /** A record under the same key holds other values (the session changed since): the first stays. */
  | { readonly outcome: 'kept_first' }
  /** Not a live, usable, steerable session, or no departure and need yet, or it leaves by `knownAt`. */
  | { readonly outcome: 'no_baseline'; readonly reason: string };

/**
 * Records one live session's uncontrolled-charging baseline as known at `knownAt` (the instant
 * its need and departure became known), the same computation the day plan records for the
 * sessions present at a plan (sessionUncontrolledBaseline), so a session that arrives after the
 * last plan still settles against its own baseline. A session stated before it arrives is read
 * as at its arrival; the baseline runs from the later of arrival and `knownAt`.
 */
@Injectable()
export class RecordSessionBaselineUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly baselines: RecordBaselineUseCase,
  ) {}

  async execute(sessionId: string, knownAt: Date): Promise<SessionBaselineOutcome> {
    const manager = this.dataSource.manager;
    const rows: { site_id: string; arrival_at: Date }[] = await manager.query(
      `SELECT e.site_id, s.arrival_at FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE s.id = $1`,
      [sessionId],
    );
    if (rows.length === 0) return { outcome: 'no_baseline', reason: 'unknown session' };
    const readAt = new Date(Math.max(rows[0].arrival_at.getTime(), knownAt.getTime()));
    const [session] = await loadLiveSessions(manager, [rows[0].site_id], readAt, [sessionId]);
    if (session === undefined) return { outcome: 'no_baseline', reason: 'not a live, usable, steerable session' };
    const baseline = sessionUncontrolledBaseline(session, knownAt);
    if (baseline === null) return { outcome: 'no_baseline', reason: 'no departure and need, or it leaves by then' };
    try {
      const result = await this.baselines.execute({ type: 'session', sessionId }, baseline);
      return { outcome: result.created ? 'recorded' : 'already_recorded', baselineRecordId: result.id };
    } catch (error) {
      if (!(error instanceof BaselineRecordError)) throw error;
      return { outcome: 'kept_first' };
    }
  }
}
