import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@vpp/config';
import { ImportSessionsUseCase, type ImportedSession, type SessionImportReport } from '@vpp/fleet';
import { keyedPseudonym } from '@vpp/privacy';
import type { DeliveryDay } from '@vpp/units';
import { canonicalCsv } from './derived-sessions';
import type { Party } from './seed-parties';

// ASSUMED grouping: the source's charge points become EVSEs of 20 demo sites (10 per fleet owner),
// so each site has a history to forecast from and the portfolio has a handful of sites.
const SITES_PER_FLEET_OWNER = 10;
export const DEMO_SITES = 2 * SITES_PER_FLEET_OWNER;

export interface ImportedFleets {
  readonly reports: SessionImportReport[];
  /** The file per fleet owner the importer read (canonical layout, under <out>/inputs). */
  readonly files: string[];
}

function groupOf(sourceSiteId: string): number {
  return createHash('sha256').update(sourceSiteId).digest().readUInt32BE(0) % DEMO_SITES;
}

/** The demo site's number (1..20) of a session already on its demo site. */
export function demoSiteNumber(session: ImportedSession): number {
  return Number.parseInt(session.siteId.slice(-2), 10);
}

/** ASSUMED: the CPO operating a demo site's charge points (the sites dealt out in turn, so each site has one CPO). */
export function cpoOfSite(session: ImportedSession, cpoCount: number): number {
  return (demoSiteNumber(session) - 1) % cpoCount;
}

/** A data session on its demo site: the site, and an EVSE (and charge point) per source EVSE. */
export function onDemoSite(session: ImportedSession): ImportedSession {
  // By station, so a file with one big site (ACN's Caltech garage) still spreads over the demo sites.
  const group = groupOf(session.chargePointId ?? session.evseId ?? session.siteId);
  // A layout without EVSE ids gets one EVSE per session (ASSUMED: the file does not say which sessions shared one).
  const evse = `${session.siteId}/${session.evseId ?? session.sessionId}`;
  return { ...session, siteId: `demo-site-${String(group + 1).padStart(2, '0')}`, evseId: evse, chargePointId: evse, vehicleId: null };
}

/**
 * Through the platform's importer (ImportSessionsUseCase, as `npm run import:sessions` does), on
 * sessions already on their demo sites (onDemoSite):
 * - each CPO its past sessions at the sites it operates (its CDR export): the forecaster's
 *   history, at the sites where the day's sessions will arrive over OCPI (cpo-stage.ts links the
 *   CPO's OCPI Locations and EVSEs to these sites and EVSEs);
 * - each fleet owner the day's sessions of its cars (its own record, split by demo site), which
 *   its settlement report covers; they are historical rows, neither forecast nor pooled.
 */
export async function importFleetSessions(
  app: NestFastifyApplication,
  config: AppConfig,
  parties: { fleetOwners: readonly Party[]; cpos: readonly Party[] },
  day: DeliveryDay,
  sessions: { history: readonly ImportedSession[]; day: readonly ImportedSession[] },
  inputsDir: string,
): Promise<ImportedFleets> {
  mkdirSync(inputsDir, { recursive: true });
  const importer = app.get(ImportSessionsUseCase);
  const reports: SessionImportReport[] = [];
  const files: string[] = [];
  const run = async (owner: Party, fleetName: string, file: string, rows: readonly ImportedSession[]): Promise<void> => {
    writeFileSync(file, canonicalCsv(rows));
    files.push(file);
    reports.push(
      await importer.execute({
        path: file,
        organisationId: owner.organisationId,
        fleetName,
        pseudonymise: (raw) => keyedPseudonym(config.privacy.hmacSecret, 'driver', raw),
      }),
    );
  };
  for (const [index, cpo] of parties.cpos.entries()) {
    const own = sessions.history.filter((s) => cpoOfSite(s, parties.cpos.length) === index);
    await run(cpo, `${cpo.name} past sessions`, join(inputsDir, `sessions-history-${day.isoDate}-cpo-${index + 1}.csv`), own);
  }
  for (const [index, owner] of parties.fleetOwners.entries()) {
    const own = sessions.day.filter((s) => Math.floor((demoSiteNumber(s) - 1) / SITES_PER_FLEET_OWNER) === index);
    await run(owner, `${owner.name} fleet`, join(inputsDir, `sessions-${day.isoDate}-fleet-owner-${index + 1}.csv`), own);
  }
  return { reports, files };
}
