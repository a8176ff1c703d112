import type { DataSource } from 'typeorm';
import { claimExternalId, type ImportedSession } from '@vpp/fleet';
import { replayedSessionsOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { callApi } from './http-client';
import { cpoOfSite } from './import-sessions';
import type { Party } from './seed-parties';

const PARTY_IDS = ['DMA', 'DMB', 'DMC'] as const;
const COUNTRY_CODE = 'NL';

export interface OnboardedCpos {
  readonly cpos: number;
  /** OCPI Locations (one per demo site) the CPOs pushed, and their EVSEs. */
  readonly locations: number;
  readonly evses: number;
  /** The CPOs' Locations and EVSEs linked to the sites and EVSEs of their imported past sessions. */
  readonly linked: { readonly sites: number; readonly evses: number };
  readonly cpoObjects: SimulatedCpo[];
}

export interface CpoOutcome {
  readonly sessionsPushed: number;
  /** Sessions the platform stored per party (its own ids, mapped per party: the CPOs' ids collide on purpose). */
  readonly sessionsStored: Record<string, number>;
}

/** The sessions (on their demo sites) each CPO operates, by the site rule of import-sessions.ts. */
export function ownSessions(sessions: readonly ImportedSession[], index: number, cpoCount: number): ImportedSession[] {
  return sessions.filter((s) => cpoOfSite(s, cpoCount) === index);
}

/**
 * Links a CPO's OCPI ids to the sites, charge points and EVSEs its imported past sessions created
 * (the fleet model's external ids, as the OCPI connector resolves them), so the Locations it
 * pushes update those sites instead of creating new ones: the forecaster's history and the day's
 * live sessions share their sites and EVSEs. A thin adapter: the CDR export carries the CPO's own
 * Location and EVSE ids, and the importer keys what it creates by the file's refs instead.
 */
async function linkPastSessions(dataSource: DataSource, cpo: Party, partyId: string, sessions: readonly ImportedSession[]): Promise<{ sites: number; evses: number }> {
  const sites: { id: string; import_ref: string }[] = await dataSource.query(`SELECT id, import_ref FROM sites WHERE organisation_id = $1 AND import_ref IS NOT NULL`, [cpo.organisationId]);
  const evses: { id: string; charge_point_id: string; site_id: string; import_ref: string }[] = await dataSource.query(
    `SELECT e.id, e.charge_point_id, e.site_id, e.import_ref FROM evses e JOIN sites s ON s.id = e.site_id WHERE s.organisation_id = $1 AND e.import_ref IS NOT NULL`,
    [cpo.organisationId],
  );
  // The importer's refs: `<format>:<site id of the file>` for a site, the file's EVSE id for an EVSE.
  const siteOf = new Map(sites.map((s) => [s.import_ref.slice(s.import_ref.indexOf(':') + 1), s.id]));
  const evseOf = new Map(evses.map((e) => [`${e.site_id}|${e.import_ref}`, e]));
  const party = { countryCode: COUNTRY_CODE, partyId };
  const replayed = replayedSessionsOf(sessions);
  const linked = { sites: new Set<string>(), evses: new Set<string>() };
  await dataSource.transaction(async (manager) => {
    for (const [i, r] of replayed.entries()) {
      const source = sessions[i];
      const siteId = siteOf.get(source.siteId);
      if (siteId === undefined) continue;
      if (!linked.sites.has(r.locationId)) {
        await claimExternalId(manager, 'site', party, r.locationId, siteId);
        linked.sites.add(r.locationId);
      }
      const evse = evseOf.get(`${siteId}|${source.evseId ?? 'default'}`);
      if (evse === undefined || linked.evses.has(r.evseUid)) continue;
      // The OCPI connector names an EVSE's charge point `<location>/<evse uid>` (ocpi-fleet-sync.ts).
      await claimExternalId(manager, 'charge_point', party, `${r.locationId}/${r.evseUid}`, evse.charge_point_id);
      await claimExternalId(manager, 'evse', party, r.evseUid, evse.id);
      linked.evses.add(r.evseUid);
    }
  });
  return { sites: linked.sites.size, evses: linked.evses.size };
}

/**
 * The three CPOs of the demo join before the day is planned, over OCPI 2.2.1 (apps/simulator
 * SimulatedCpo): the aggregator issues each one's token A (POST /v1/ocpi/parties), the CPO
 * registers through the credentials handshake and pushes its Locations (each demo site it
 * operates, with the EVSEs the day's sessions use, ASSUMED the ones in service, which keeps the
 * Locations small; a site no session of the day uses with its past sessions' EVSEs), which the platform links to the sites and EVSEs of the CPO's past sessions
 * (linkPastSessions). They stay up to push each session of the day as its car plugs in
 * (cpo-plug-ins.ts) and to answer charging profiles, which take effect in the demo's simulated
 * time (`clock`), so a cap slows the car when the day says.
 */
export async function onboardCpos(
  baseUrl: string,
  dataSource: DataSource,
  operator: Party,
  cpos: readonly Party[],
  sessions: { history: readonly ImportedSession[]; day: readonly ImportedSession[] },
  at: Date,
  clock: () => Date,
): Promise<OnboardedCpos> {
  const started: SimulatedCpo[] = [];
  let locations = 0;
  let evses = 0;
  const linked = { sites: 0, evses: 0 };
  for (const [index, party] of cpos.entries()) {
    const partyId = PARTY_IDS[index];
    // Every site the CPO operates is a Location: with the EVSEs of the day's sessions, and a site
    // none of them uses with the EVSEs of its past sessions (so it is pooled and forecast too).
    const today = ownSessions(sessions.day, index, cpos.length);
    const sitesToday = new Set(today.map((s) => s.siteId));
    const own = [...today, ...ownSessions(sessions.history, index, cpos.length).filter((s) => !sitesToday.has(s.siteId))];
    const link = await linkPastSessions(dataSource, party, partyId, own);
    linked.sites += link.sites;
    linked.evses += link.evses;
    const cpo = new SimulatedCpo({ countryCode: COUNTRY_CODE, partyId, name: party.name, commandLatencyMs: 50, ignoreShare: 0, clock });
    started.push(cpo);
    await cpo.start();
    const { tokenA, versionsUrl } = await callApi<{ tokenA: string; versionsUrl: string }>(baseUrl, 'POST', '/v1/ocpi/parties', { key: operator.key }, { organisationId: party.organisationId, countryCode: COUNTRY_CODE, partyId }, [201]);
    const answer = await cpo.register(versionsUrl, tokenA);
    if (answer.status !== 200) throw new Error(`CPO NL*${partyId}: registration failed, HTTP ${answer.status}`);
    const replayed = replayedSessionsOf(own);
    await cpo.pushLocations(replayed, at);
    locations += new Set(replayed.map((r) => r.locationId)).size;
    evses += new Set(replayed.map((r) => r.evseUid)).size;
  }
  return { cpos: started.length, locations, evses, linked, cpoObjects: started };
}

/** Sessions the platform stored per CPO party (its own ids, mapped per party: the CPOs' ids collide on purpose). */
export async function storedSessionsPerParty(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: { party_id: string; n: number }[] = await dataSource.query(
    `SELECT p.party_id, count(*)::int AS n FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id GROUP BY p.party_id ORDER BY p.party_id`,
  );
  return Object.fromEntries(rows.map((r) => [`NL*${r.party_id}`, r.n]));
}
