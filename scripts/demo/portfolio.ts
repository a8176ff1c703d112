import { callApi } from './http-client';
import type { Parties } from './seed-parties';

// The BRP's party code the portfolio names; the BRP API shows the portfolio to that BRP only.
export const DEMO_BRP_CODE = '8712423010208';

export interface DemoPortfolio {
  readonly portfolioId: string;
  /** ASSUMED prequalified kW per product (no prequalification data): stated in derived_inputs. */
  readonly prequalifiedKw: Record<string, string>;
}

/**
 * As the parties do it over the API: each fleet owner delegates to the aggregator (its OCPP depot
 * joins on the day, depot-stage.ts), the aggregator registers the BRP's party code, creates one NL
 * portfolio in every market (FCR, aFRR, day-ahead, congestion) and records the prequalified
 * capacity. The sites pooled are the CPOs' (pool-live-sessions.ts), where the day's sessions
 * arrive and the forecaster's history lies; the fleet owners' imported records are not pooled.
 */
export async function buildPortfolio(baseUrl: string, parties: Parties, evs: number): Promise<DemoPortfolio> {
  const operator = { key: parties.operator.key };
  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const owner of parties.fleetOwners) {
    await callApi(baseUrl, 'POST', '/v1/delegations', { key: owner.key }, { operatorOrganisationId: parties.operator.organisationId, reason: 'demo: aggregation of the fleet', validTo }, [201]);
  }
  await callApi(baseUrl, 'POST', '/v1/brp-party-codes', operator, { organisationId: parties.brp.organisationId, code: DEMO_BRP_CODE }, [200, 201]);
  const portfolio = await callApi<{ id: string }>(baseUrl, 'POST', '/v1/portfolios', operator, {
    name: 'Demo NL portfolio',
    biddingZone: 'NL',
    brpReference: DEMO_BRP_CODE,
    markets: ['fcr', 'afrr', 'day_ahead', 'congestion'],
  }, [201]);
  // ASSUMED: 1 kW per EV of symmetric reserve (FCR, aFRR up/down) and 3 kW per EV of energy products.
  const prequalifiedKw = { fcr: evs, afrr_up: evs, afrr_down: evs, day_ahead: 3 * evs, congestion: 3 * evs };
  await callApi(baseUrl, 'PUT', `/v1/portfolios/${portfolio.id}/prequalifications`, operator, {
    capacities: Object.entries(prequalifiedKw).map(([product, kw]) => ({ product, capacityKw: `${kw}` })),
  }, [200]);
  return { portfolioId: portfolio.id, prequalifiedKw: Object.fromEntries(Object.entries(prequalifiedKw).map(([p, kw]) => [p, `${kw}`])) };
}
