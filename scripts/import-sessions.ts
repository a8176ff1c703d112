// Imports a session file (ElaadNL, ACN, ACN processed, Dundee, Norway or the canonical layout of
// ARCHITECTURE.md section 6, recognised by its header) as historical sessions of a named fleet.
// Run: npm run import:sessions -- <file> [--fleet <name>] [--organisation <uuid>]
//        [--country NL --timezone Europe/Amsterdam --cluster public]   (canonical files only)
// Progress goes to stderr; the report (rows read, imported, already present, rejected by reason)
// to stdout as JSON. Re-running with the same file changes nothing.
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLogRepository } from '@vpp/access';
import { loadConfigOrExit } from '@vpp/config';
import { CANONICAL_SITE_PROFILE, EnsureFleetUseCase, INNOVATION_CLUSTERS, ImportSessionsUseCase, InnovationCluster, SiteProfile } from '@vpp/fleet';
import { createDataSource } from '@vpp/persistence';
import { keyedPseudonym } from '@vpp/privacy';
import type { DataSource } from 'typeorm';
import { z } from 'zod';

const USAGE = 'usage: import-sessions <file> [--fleet <name>] [--organisation <uuid>] [--country XX --timezone Area/City --cluster home|workplace|depot|public]\n';

function options(): { file: string; fleet: string | undefined; organisation: string | undefined; profile: SiteProfile } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { fleet: { type: 'string' }, organisation: { type: 'string' }, country: { type: 'string' }, timezone: { type: 'string' }, cluster: { type: 'string' } },
  });
  const cluster = values.cluster ?? CANONICAL_SITE_PROFILE.innovationCluster;
  const badOrganisation = values.organisation !== undefined && !z.string().uuid().safeParse(values.organisation).success;
  if (positionals.length !== 1 || badOrganisation || !(INNOVATION_CLUSTERS as readonly string[]).includes(cluster)) {
    process.stderr.write(USAGE);
    process.exit(64);
  }
  const profile: SiteProfile = {
    ...CANONICAL_SITE_PROFILE,
    country: values.country ?? CANONICAL_SITE_PROFILE.country,
    timezone: values.timezone ?? CANONICAL_SITE_PROFILE.timezone,
    innovationCluster: cluster as InnovationCluster,
  };
  return { file: positionals[0], fleet: values.fleet, organisation: values.organisation, profile };
}

/** The given organisation, or the fleet-owner organisation "Historical imports" (created once). */
async function organisationId(dataSource: DataSource, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const found: { id: string }[] = await dataSource.query(`SELECT id FROM organisations WHERE name = 'Historical imports' AND kind = 'fleet_owner' ORDER BY created_at LIMIT 1`);
  if (found.length === 1) return found[0].id;
  const id = randomUUID();
  await dataSource.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, 'Historical imports', 'fleet_owner', 'NL', now())`, [id]);
  return id;
}

async function main(): Promise<void> {
  const args = options();
  const config = loadConfigOrExit();
  const dataSource = createDataSource(config, { poolSize: 2 });
  await dataSource.initialize();
  try {
    const sut = new ImportSessionsUseCase(dataSource, new EnsureFleetUseCase(), new AuditLogRepository(dataSource));
    const started = Date.now();
    const report = await sut.execute({
      path: args.file,
      organisationId: await organisationId(dataSource, args.organisation),
      fleetName: args.fleet ?? basename(args.file, extname(args.file)),
      pseudonymise: (raw) => keyedPseudonym(config.privacy.hmacSecret, 'driver', raw),
      canonicalProfile: args.profile,
      onProgress: ({ rowsRead, imported }) => process.stderr.write(`import-sessions: ${rowsRead} rows read, ${imported} imported (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
    });
    process.stdout.write(`${JSON.stringify({ ...report, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`import-sessions failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
