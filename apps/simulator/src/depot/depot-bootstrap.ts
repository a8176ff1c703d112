import { createHash } from 'node:crypto';
import { withEanCheckDigit } from '@vpp/fleet';

/** Calls the platform's api as the operator (the simulator's SIMULATOR_API_KEY); throws on an unexpected status. */
export type OperatorApi = <T>(method: string, path: string, body: unknown) => Promise<T>;

export interface DepotSettings {
  /** Also the name of the depot: `<prefix> simulated depot`, stations `<prefix>-1..n`. */
  readonly stationPrefix: string;
  readonly stations: number;
  readonly password: string;
  readonly countryCode: string;
  readonly isBidirectional: (stationNumber: number) => boolean;
  /** Makes the depot's EAN distinct per operator key, so two operators' simulators never share one. */
  readonly apiKey: string;
}

export interface BootstrappedDepot {
  readonly fleetId: string;
  readonly siteId: string;
  readonly stationIds: readonly string[];
}

// ASSUMED (no public data): a 1 MW depot connection (import and export 1,000 kW, fuse 1,250 kW)
// and 22 kW 3-phase AC stations; the site's name and the DSO say so in the platform's data.
const DEPOT_IMPORT_KW = '1000';
const DEPOT_FUSE_KW = '1250';
const STATION_KW = '22';

const TIME_ZONES: Readonly<Record<string, string>> = {
  NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', DE: 'Europe/Berlin', FR: 'Europe/Paris', GB: 'Europe/London', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', AT: 'Europe/Vienna',
};

/** A valid EAN (871 prefix, GS1 check digit) derived from the key and prefix: the same depot on every start. */
export function depotEan(apiKey: string, stationPrefix: string): string {
  const hash = createHash('sha256').update(`${apiKey}|${stationPrefix}`).digest('hex');
  const digits = (BigInt(`0x${hash}`) % 10n ** 14n).toString().padStart(14, '0');
  return withEanCheckDigit(`871${digits}`);
}

/**
 * Creates the simulator's own depot through the operator API of a fresh platform: a fleet, a depot
 * site with its grid connection, and one OCPP 2.1 charge point per station with its basic-auth
 * password, so the stations can connect and their transactions become sessions of that fleet.
 * Every step is idempotent (fleet name, site reference, station id), so a restart reuses the depot.
 */
export async function bootstrapDepot(api: OperatorApi, settings: DepotSettings): Promise<BootstrappedDepot> {
  const fleet = await api<{ id: string }>('POST', '/v1/fleets', { name: `${settings.stationPrefix} simulated depot` });
  const site = await api<{ id: string }>('POST', `/v1/fleets/${fleet.id}/sites`, {
    name: `${settings.stationPrefix} simulated depot (assumed 1 MW connection)`,
    reference: `${settings.stationPrefix}-depot`,
    country: settings.countryCode,
    innovationCluster: 'depot',
    timezone: TIME_ZONES[settings.countryCode] ?? 'UTC',
    gridConnection: {
      ean: depotEan(settings.apiKey, settings.stationPrefix),
      importLimitKw: DEPOT_IMPORT_KW,
      exportLimitKw: DEPOT_IMPORT_KW,
      fuseLimitKw: DEPOT_FUSE_KW,
      dso: 'simulated DSO (assumed)',
    },
  });
  const stationIds: string[] = [];
  for (let n = 1; n <= settings.stations; n += 1) {
    const stationId = `${settings.stationPrefix}-${n}`;
    const bidirectional = settings.isBidirectional(n);
    await api('POST', `/v1/sites/${site.id}/charge-points`, {
      protocol: 'ocpp',
      ocppVersion: '2.1',
      stationId,
      password: settings.password,
      vendor: 'VPP simulator',
      model: bidirectional ? 'simulated AC V2G' : 'simulated AC',
      evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: STATION_KW, bidirectional, iso15118_20: bidirectional }],
    });
    stationIds.push(stationId);
  }
  return { fleetId: fleet.id, siteId: site.id, stationIds };
}
