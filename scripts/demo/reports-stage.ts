import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import type { Party, Parties } from './seed-parties';

export interface ReportsOutcome {
  /** Every file written, absolute paths. */
  readonly files: string[];
  readonly fleetReports: { readonly fleet: string; readonly owner: string; readonly as: string; readonly formats: string[]; readonly revenueTotalEur: string | null }[];
  readonly brpStatements: number;
  readonly dsoFlexSettlements: number;
  /** Fleet owner A asking for fleet owner B's report (and the other way round): the platform must answer 404. */
  readonly tenantIsolation: { readonly asked: string; readonly fleetOf: string; readonly status: number }[];
}

const FORMATS = ['json', 'csv', 'pdf'] as const;

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** One GET as the party would do it (API key, optionally acting on behalf of a client); the raw body. */
async function get(baseUrl: string, path: string, key: string, onBehalfOf?: string): Promise<{ status: number; body: Buffer }> {
  const headers: Record<string, string> = { 'x-api-key': key };
  if (onBehalfOf !== undefined) headers['x-on-behalf-of'] = onBehalfOf;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

async function download(baseUrl: string, path: string, key: string, file: string, onBehalfOf?: string): Promise<Buffer> {
  const { status, body } = await get(baseUrl, path, key, onBehalfOf);
  if (status !== 200) throw new Error(`GET ${path}: HTTP ${status} ${body.toString('utf8').slice(0, 300)}`);
  writeFileSync(file, body);
  return body;
}

/**
 * The parties read their settlement over HTTP with their own API keys, as the platform serves it
 * (libs/settlement reports): each fleet owner its fleets' day report (JSON, CSV, PDF); the
 * aggregator, acting on behalf of each CPO (the CPOs delegated to it), the CPOs' OCPI fleets'
 * reports; the BRP its imbalance-adjustment statement; the DSO its UFTP FlexSettlements, written
 * when there are any. Each fleet owner also asks for the other's fleet and must get 404.
 */
export async function downloadReports(baseUrl: string, dataSource: DataSource, parties: Parties, day: DeliveryDay, outDir: string): Promise<ReportsOutcome> {
  const reportsDir = join(outDir, 'reports');
  const files: string[] = [];
  const fleetReports: ReportsOutcome['fleetReports'][number][] = [];
  const fleetsOf = async (party: Party): Promise<{ id: string; name: string }[]> =>
    dataSource.query(`SELECT id, name FROM fleets WHERE organisation_id = $1 ORDER BY name, id`, [party.organisationId]);

  const fetchFleet = async (owner: Party, fleet: { id: string; name: string }, key: string, as: string, onBehalfOf?: string): Promise<void> => {
    const dir = join(reportsDir, slug(owner.name));
    mkdirSync(dir, { recursive: true });
    let revenueTotalEur: string | null = null;
    for (const format of FORMATS) {
      const file = join(dir, `settlement-${slug(fleet.name)}-${day.isoDate}.${format}`);
      const body = await download(baseUrl, `/v1/fleets/${fleet.id}/settlement-reports/${day.isoDate}?format=${format}`, key, file, onBehalfOf);
      if (format === 'json') revenueTotalEur = (JSON.parse(body.toString('utf8')) as { revenueTotalEur?: string }).revenueTotalEur ?? null;
      if (format === 'pdf' && body.subarray(0, 4).toString('latin1') !== '%PDF') throw new Error(`${file}: the PDF report does not start with %PDF`);
      files.push(file);
    }
    fleetReports.push({ fleet: fleet.name, owner: owner.name, as, formats: [...FORMATS], revenueTotalEur });
  };

  for (const owner of parties.fleetOwners) for (const fleet of await fleetsOf(owner)) await fetchFleet(owner, fleet, owner.key, `${owner.name} (own API key)`);
  for (const cpo of parties.cpos) {
    for (const fleet of await fleetsOf(cpo)) await fetchFleet(cpo, fleet, parties.operator.key, `${parties.operator.name} on behalf of ${cpo.name} (delegation)`, cpo.organisationId);
  }

  const tenantIsolation: { asked: string; fleetOf: string; status: number }[] = [];
  const [a, b] = parties.fleetOwners;
  for (const [asker, other] of [[a, b], [b, a]] as const) {
    for (const fleet of await fleetsOf(other)) {
      const { status } = await get(baseUrl, `/v1/fleets/${fleet.id}/settlement-reports/${day.isoDate}?format=json`, asker.key);
      tenantIsolation.push({ asked: asker.name, fleetOf: other.name, status });
      if (status !== 404) throw new Error(`tenant isolation broken: ${asker.name} got HTTP ${status} for a fleet of ${other.name}`);
    }
  }

  mkdirSync(join(reportsDir, slug(parties.brp.name)), { recursive: true });
  const brpFile = join(reportsDir, slug(parties.brp.name), `imbalance-adjustments-${day.isoDate}.json`);
  const brp = JSON.parse((await download(baseUrl, `/v1/settlement/imbalance-adjustments/${day.isoDate}`, parties.brp.key, brpFile)).toString('utf8')) as unknown[];
  files.push(brpFile);

  const dso = await get(baseUrl, `/v1/settlement/flex-settlements/${day.isoDate}`, parties.dso.key);
  if (dso.status !== 200) throw new Error(`GET flex-settlements as the DSO: HTTP ${dso.status} ${dso.body.toString('utf8').slice(0, 300)}`);
  const flexSettlements = JSON.parse(dso.body.toString('utf8')) as unknown[];
  if (flexSettlements.length > 0) {
    mkdirSync(join(reportsDir, slug(parties.dso.name)), { recursive: true });
    const dsoFile = join(reportsDir, slug(parties.dso.name), `flex-settlements-${day.isoDate}.json`);
    writeFileSync(dsoFile, dso.body);
    files.push(dsoFile);
  }
  return { files, fleetReports, brpStatements: brp.length, dsoFlexSettlements: flexSettlements.length, tenantIsolation };
}
