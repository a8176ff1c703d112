import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Marks live sessions stale when their source has been silent for `silenceMinutes` (issue 3,
 * bad input: a CPO that goes silent; never assume an EV is plugged in forever). One conditional
 * UPDATE, so running it twice, or on two replicas at once, has one effect. Historical sessions
 * are never touched. `fleetIds` narrows the check (tests, per-tenant runs). Returns the ids marked.
 */
@Injectable()
export class MarkStaleSessionsUseCase {
  async execute(manager: EntityManager, now: Date, silenceMinutes: number, fleetIds: readonly string[] | null = null): Promise<string[]> {
    if (!Number.isInteger(silenceMinutes) || silenceMinutes <= 0) throw new Error(`silenceMinutes must be a positive integer, got ${silenceMinutes}`);
    const rows: [{ id: string }[], number] = await manager.query(
      `UPDATE sessions SET status = 'stale', updated_at = $1
       WHERE status IN ('plugged_in', 'charging', 'suspended') AND historical = false
         AND last_seen_at <= $1::timestamptz - make_interval(mins => $2)
         AND ($3::uuid[] IS NULL OR fleet_id = ANY($3::uuid[]))
       RETURNING id`,
      [now, silenceMinutes, fleetIds],
    );
    return rows[0].map((r) => r.id);
  }
}
