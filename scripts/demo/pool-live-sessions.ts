import type { DataSource } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import { connectDemoSites } from './grid-connections';
import { callApi } from './http-client';
import type { Parties } from './seed-parties';

export interface PooledCpoSites {
  readonly siteIds: string[];
  /** The demo EAN of each pooled site's grid connection. */
  readonly eans: Map<string, string>;
}

export interface LiveSessions {
  /** Sessions of the day the platform holds at the pooled sites (as the CPOs pushed them over OCPI, each at its plug-in). */
  readonly liveSessions: number;
}

/**
 * Brings the CPOs' sites (one per OCPI Location they pushed at onboarding, linked to their past
 * sessions) into the demo portfolio before the day is planned, as the parties would over the API:
 * each CPO delegates to the aggregator, the aggregator pools the sites. They get demo grid
 * connections (grid-connections.ts), numbered from `siteOffset` on.
 */
export async function poolCpoSites(baseUrl: string, dataSource: DataSource, parties: Parties, portfolioId: string, siteOffset = 0): Promise<PooledCpoSites> {
  const operator = { key: parties.operator.key };
  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const cpo of parties.cpos) {
    await callApi(baseUrl, 'POST', '/v1/delegations', { key: cpo.key }, { operatorOrganisationId: parties.operator.organisationId, reason: 'demo: aggregation of the CPO\'s charge points', validTo }, [201]);
  }
  const cpoOrganisations = parties.cpos.map((c) => c.organisationId);
  // The sites behind the CPOs' OCPI Locations (a site of theirs without one holds past sessions only).
  const rows: { id: string }[] = await dataSource.query(
    `SELECT s.id FROM sites s WHERE s.organisation_id = ANY($1::uuid[])
        AND EXISTS (SELECT 1 FROM external_ids x WHERE x.entity_type = 'site' AND x.entity_id = s.id)
      ORDER BY s.name, s.id`,
    [cpoOrganisations],
  );
  for (const { id } of rows) await callApi(baseUrl, 'PUT', `/v1/portfolios/${portfolioId}/sites/${id}`, operator, undefined, [200, 201, 204]);
  const eans = await connectDemoSites(dataSource, rows.map((r) => r.id), parties.dso.name, siteOffset);
  return { siteIds: rows.map((r) => r.id), eans };
}

/** The day's live (not imported) sessions at the pooled sites the CPOs have pushed so far. */
export async function liveSessionsAt(dataSource: DataSource, siteIds: readonly string[], day: DeliveryDay): Promise<LiveSessions> {
  const counted: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n
       FROM sessions s JOIN evses e ON e.id = s.evse_id
      WHERE e.site_id = ANY($1::uuid[]) AND NOT s.historical AND s.arrival_at >= $2 AND s.arrival_at < $3`,
    [siteIds, day.start, day.end],
  );
  return { liveSessions: counted[0]?.n ?? 0 };
}
