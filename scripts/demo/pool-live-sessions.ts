import type { DataSource } from 'typeorm';
import { connectDemoSites } from './grid-connections';
import { callApi } from './http-client';
import type { Parties } from './seed-parties';

export interface PooledLiveSites {
  readonly siteIds: string[];
  /** Sessions the platform holds at the pooled sites (as the CPOs pushed them over OCPI). */
  readonly liveSessions: number;
  /** When half of them had arrived (the CPOs push the day's sessions at its start, each with its own arrival). */
  readonly medianArrival: Date | null;
}

/**
 * Brings the CPOs' sites (one per OCPI Location they pushed) into the demo portfolio as the parties
 * would over the API: each CPO delegates to the aggregator, the aggregator pools the sites. They get
 * demo grid connections (numbered after the fleet owners' `siteOffset` sites) like the imported ones.
 */
export async function poolCpoSites(baseUrl: string, dataSource: DataSource, parties: Parties, portfolioId: string, siteOffset: number): Promise<PooledLiveSites> {
  const operator = { key: parties.operator.key };
  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const cpo of parties.cpos) {
    await callApi(baseUrl, 'POST', '/v1/delegations', { key: cpo.key }, { operatorOrganisationId: parties.operator.organisationId, reason: 'demo: aggregation of the live sessions', validTo }, [201]);
  }
  const cpoOrganisations = parties.cpos.map((c) => c.organisationId);
  const rows: { id: string }[] = await dataSource.query(`SELECT id FROM sites WHERE organisation_id = ANY($1::uuid[]) ORDER BY name, id`, [cpoOrganisations]);
  for (const { id } of rows) await callApi(baseUrl, 'PUT', `/v1/portfolios/${portfolioId}/sites/${id}`, operator, undefined, [200, 201, 204]);
  await connectDemoSites(dataSource, rows.map((r) => r.id), parties.dso.name, siteOffset);
  const counted: { n: number; median: Date | null }[] = await dataSource.query(
    `SELECT count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY s.arrival_at) AS median
       FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE e.site_id = ANY($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  return { siteIds: rows.map((r) => r.id), liveSessions: counted[0]?.n ?? 0, medianArrival: counted[0]?.median ?? null };
}
