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

export interface ImportedFleets {
  readonly reports: SessionImportReport[];
  /** The file per fleet owner the importer read (canonical layout, under <out>/inputs). */
  readonly files: string[];
}

function groupOf(sourceSiteId: string): number {
  return createHash('sha256').update(sourceSiteId).digest().readUInt32BE(0) % (2 * SITES_PER_FLEET_OWNER);
}

function onDemoSite(session: ImportedSession): ImportedSession {
  // By station, so a file with one big site (ACN's Caltech garage) still spreads over the demo sites.
  const group = groupOf(session.chargePointId ?? session.evseId ?? session.siteId);
  // A layout without EVSE ids gets one EVSE per session (ASSUMED: the file does not say which sessions shared one).
  const evse = `${session.siteId}/${session.evseId ?? session.sessionId}`;
  return { ...session, siteId: `demo-site-${String(group + 1).padStart(2, '0')}`, evseId: evse, chargePointId: evse, vehicleId: null };
}

/**
 * The fleet owners import their sessions through the platform's importer (ImportSessionsUseCase,
 * as `npm run import:sessions` does): the history before the day (the forecaster's input) and the
 * day's sessions, split between the two fleet owners by demo site.
 */
export async function importFleetSessions(
  app: NestFastifyApplication,
  config: AppConfig,
  fleetOwners: readonly Party[],
  day: DeliveryDay,
  sessions: { history: readonly ImportedSession[]; day: readonly ImportedSession[] },
  inputsDir: string,
): Promise<ImportedFleets> {
  mkdirSync(inputsDir, { recursive: true });
  const all = [...sessions.history, ...sessions.day].map(onDemoSite);
  const importer = app.get(ImportSessionsUseCase);
  const reports: SessionImportReport[] = [];
  const files: string[] = [];
  for (const [index, owner] of fleetOwners.entries()) {
    const own = all.filter((s) => Math.floor((Number.parseInt(s.siteId.slice(-2), 10) - 1) / SITES_PER_FLEET_OWNER) === index);
    const file = join(inputsDir, `sessions-${day.isoDate}-fleet-owner-${index + 1}.csv`);
    writeFileSync(file, canonicalCsv(own));
    files.push(file);
    reports.push(
      await importer.execute({
        path: file,
        organisationId: owner.organisationId,
        fleetName: `${owner.name} fleet`,
        pseudonymise: (raw) => keyedPseudonym(config.privacy.hmacSecret, 'driver', raw),
      }),
    );
  }
  return { reports, files };
}
