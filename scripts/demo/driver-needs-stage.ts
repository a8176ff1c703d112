import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import type { DeliveryDay } from '@vpp/units';
import { dataSessionMatcher } from './data-session-match';
import { callApi } from './http-client';
import type { Party } from './seed-parties';

// Requests in flight at once: the audit chain serialises writes per tenant, more would only queue.
const CONCURRENCY = 8;

export const DRIVER_NEEDS_BASIS = "ASSUMED: each driver states at plug-in the energy its session took in the data and its plug-out time (OCPI carries neither), through the mobility-needs API";

export interface DriverNeedsOutcome {
  readonly stated: number;
  /** Live sessions of the batch that could not be matched to a session of the data. */
  readonly unmatched: number;
  /**
   * Matched sessions whose car had already left when its session reached the platform (it came
   * and went within one step of the day driver): a departure in the past is no need to state.
   */
  readonly departedBeforeStated: number;
}

/** The sessions one CPO pushed together, by its OCPI party and its own session ids. */
export interface PushedBatch {
  readonly countryCode: string;
  readonly partyId: string;
  readonly sessionIds: readonly string[];
  /** The data sessions behind them, to match each live session to its driver's need. */
  readonly sessions: readonly ImportedSession[];
}

/**
 * OCPI 2.2.1 carries no energy need or departure from the CPO, so without the driver nobody can
 * say how far a car may be slowed down (the planner skips such sessions; the dispatcher leaves them
 * uncontrolled). Here each driver of a batch a CPO just pushed states them through the aggregator's
 * app, as the mobility-needs API takes them (PUT /v1/sessions/:id/needs, the operator acting under
 * the CPO's delegation). See DRIVER_NEEDS_BASIS. A session is matched to its data session by the
 * simulated CPO's Location, EVSE and start (apps/simulator cpo-replay).
 */
export async function stateDriverNeeds(
  baseUrl: string,
  dataSource: DataSource,
  operator: Party,
  portfolioId: string,
  day: DeliveryDay,
  batch: PushedBatch,
  now: Date,
): Promise<DriverNeedsOutcome> {
  if (batch.sessionIds.length === 0) return { stated: 0, unmatched: 0, departedBeforeStated: 0 };
  const rows: { id: string; organisation_id: string; location_id: string; evse_uid: string; arrival_at: Date }[] = await dataSource.query(
    `SELECT DISTINCT ON (s.id) s.id, f.organisation_id, os.location_id, os.evse_uid, s.arrival_at
       FROM ocpi_sessions os JOIN ocpi_parties p ON p.id = os.ocpi_party_id JOIN sessions s ON s.id = os.fleet_session_id
       JOIN fleets f ON f.id = s.fleet_id JOIN evses e ON e.id = s.evse_id JOIN portfolio_sites ps ON ps.site_id = e.site_id
      WHERE p.country_code = $1 AND p.party_id = $2 AND os.session_id = ANY($3::varchar[])
        AND ps.portfolio_id = $4 AND NOT s.historical AND s.arrival_at >= $5 AND s.arrival_at < $6
        AND s.status IN ('plugged_in', 'charging', 'suspended')
      ORDER BY s.id`,
    [batch.countryCode, batch.partyId, batch.sessionIds, portfolioId, day.start, day.end],
  );
  const dataSessionOf = dataSessionMatcher(batch.sessions);
  const matched = rows.flatMap((row) => {
    const source = dataSessionOf(row.location_id, row.evse_uid, row.arrival_at);
    return source === undefined ? [] : [{ row, source }];
  });
  const work = matched.filter(({ source }) => source.departure.getTime() > now.getTime());
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const { row, source } = work[next++];
      await callApi(baseUrl, 'PUT', `/v1/sessions/${row.id}/needs`, { key: operator.key, onBehalfOf: row.organisation_id }, {
        departureAt: source.departure.toISOString(),
        energyNeedKwh: source.energy.toString(),
        source: 'driver-app',
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { stated: work.length, unmatched: rows.length - matched.length, departedBeforeStated: matched.length - work.length };
}
