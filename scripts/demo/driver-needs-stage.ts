import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import type { DeliveryDay } from '@vpp/units';
import { dataSessionMatcher } from './data-session-match';
import { callApi } from './http-client';
import type { Party } from './seed-parties';

// Requests in flight at once: the audit chain serialises writes per tenant, more would only queue.
const CONCURRENCY = 8;

export interface DriverNeedsOutcome {
  readonly stated: number;
  /** Live sessions at the CPO sites that could not be matched to a session of the data. */
  readonly unmatched: number;
  readonly basis: string;
}

/**
 * OCPI 2.2.1 carries no energy need or departure from the CPO, so without the driver nobody can
 * say how far a car may be slowed down (the planner skips such sessions; the dispatcher leaves them
 * uncontrolled). Here each driver states them through the aggregator's app, as the mobility-needs
 * API takes them (PUT /v1/sessions/:id/needs, the operator acting under the CPO's delegation).
 * ASSUMED: drivers state, when they plug in, the energy their session took in the data and its
 * plug-out time. A session is matched to its data session by the simulated CPO's Location, EVSE and
 * start (apps/simulator cpo-replay).
 */
export async function stateDriverNeeds(
  baseUrl: string,
  dataSource: DataSource,
  operator: Party,
  portfolioId: string,
  day: DeliveryDay,
  sessions: readonly ImportedSession[],
): Promise<DriverNeedsOutcome> {
  const rows: { id: string; organisation_id: string; location_id: string; evse_uid: string; arrival_at: Date }[] = await dataSource.query(
    `SELECT DISTINCT ON (s.id) s.id, f.organisation_id, os.location_id, os.evse_uid, s.arrival_at
       FROM portfolio_sites ps JOIN evses e ON e.site_id = ps.site_id JOIN sessions s ON s.evse_id = e.id
       JOIN fleets f ON f.id = s.fleet_id JOIN ocpi_sessions os ON os.fleet_session_id = s.id
      WHERE ps.portfolio_id = $1 AND NOT s.historical AND s.arrival_at >= $2 AND s.arrival_at < $3
        AND s.status IN ('plugged_in', 'charging', 'suspended')
      ORDER BY s.id`,
    [portfolioId, day.start, day.end],
  );
  const dataSessionOf = dataSessionMatcher(sessions);
  const work = rows.flatMap((row) => {
    const source = dataSessionOf(row.location_id, row.evse_uid, row.arrival_at);
    return source === undefined ? [] : [{ row, source }];
  });
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
  return {
    stated: work.length,
    unmatched: rows.length - work.length,
    basis: "ASSUMED: each driver states at plug-in the energy its session took in the data and its plug-out time (OCPI carries neither), through the mobility-needs API",
  };
}
