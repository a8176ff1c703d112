import type { DataSource } from 'typeorm';
import { parseDecimal } from '@vpp/units';

// Readings may be stored a little after their time (a CPO's batch, a late OEM poll): each load
// looks back this far before the previous one.
const LATE_READING_LOOKBACK_MS = 10 * 60_000;

/**
 * The most each live session of a portfolio has drawn since its arrival (its meter values), kept
 * per portfolio and read incrementally: a session new to the portfolio is read once from its
 * arrival, a known one only from the previous load on (less the look-back), so a refresh every 30 s
 * does not rescan every reading of 100,000 sessions. Held in the loader's process; a new lease
 * holder starts with one full read.
 */
export class ObservedCarMaxima {
  private readonly byPortfolio = new Map<string, { readUpTo: Date; maxKw: Map<string, string> }>();

  constructor(private readonly dataSource: DataSource) {}

  /** Session id -> the highest power_kw (numeric text) since its arrival; absent without readings. */
  async of(portfolioId: string, sessions: ReadonlyArray<{ readonly id: string; readonly arrival_at: Date }>, now: Date): Promise<ReadonlyMap<string, string>> {
    const known = this.byPortfolio.get(portfolioId);
    const previous = known?.maxKw ?? new Map<string, string>();
    const ids: string[] = [];
    const since: Date[] = [];
    for (const s of sessions) {
      ids.push(s.id);
      const from = known !== undefined && previous.has(s.id) ? new Date(Math.max(s.arrival_at.getTime(), known.readUpTo.getTime() - LATE_READING_LOOKBACK_MS)) : s.arrival_at;
      since.push(from);
    }
    const rows: Array<{ session_id: string; max_kw: string }> = ids.length === 0 ? [] : await this.dataSource.query(
      `SELECT m.session_id, max(m.power_kw)::text AS max_kw
         FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, since)
         JOIN meter_values m ON m.session_id = t.id AND m.measured_at >= t.since
        GROUP BY m.session_id`,
      [ids, since],
    );
    const maxKw = new Map<string, string>();
    // Sessions no longer live are dropped; a known maximum stays unless a newer reading is higher.
    for (const id of ids) {
      const kept = previous.get(id);
      if (kept !== undefined) maxKw.set(id, kept);
    }
    for (const row of rows) {
      const kept = maxKw.get(row.session_id);
      maxKw.set(row.session_id, kept === undefined ? row.max_kw : higherOf(kept, row.max_kw));
    }
    this.byPortfolio.set(portfolioId, { readUpTo: now, maxKw });
    return maxKw;
  }
}

/** The higher of two PostgreSQL numeric texts, compared exactly. */
function higherOf(a: string, b: string): string {
  return parseDecimal(a).gte(parseDecimal(b)) ? a : b;
}
