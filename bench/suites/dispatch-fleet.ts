import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { DispatchChannelName, DispatchFleet, DispatchSiteInput, DispatchSites } from '@vpp/dispatch';
import { SeededRandom } from '@vpp/dispatch/domain/__fixtures__/seeded-random';
import { readSessionFile } from '@vpp/fleet/infrastructure/import/session-file.reader';

// Helper of the dispatch benchmarks (no BENCH_CASES here): a fleet connected at one instant, built
// from real ElaadNL sessions.

export const DISPATCH_SESSIONS_FILE = 'ev-sessions-elaadnl-2019-01-to-09.csv';

/** ASSUMED (no public data on these): channel mix, site tree and limits, how charging went before the bench starts. */
const CHANNEL_MIX: readonly [DispatchChannelName, number][] = [
  ['ocpp', 0.4],
  ['ocpi', 0.4],
  ['oem', 0.2],
];
const SESSIONS_PER_SITE = 10;
const SITE_LIMIT_SHARE = 0.6;
const SITES_PER_CONNECTION = 5;
const CONNECTION_LIMIT_SHARE = 0.8;
/** Sessions stay connected at least this long after the start (the benchmark hour and a margin). */
const MIN_REMAINING_S = 1.25 * 3600;
/** Sessions leave within this many hours of the start, so the follow-up simulation ends. */
const MAX_REMAINING_S = 14 * 3600;
const NOMINAL_EVSE_KW = 11;

export const DISPATCH_FLEET_ASSUMPTIONS =
  `ASSUMED: channel mix ${CHANNEL_MIX.map(([c, s]) => `${c} ${s * 100} %`).join(', ')}; sites of ${SESSIONS_PER_SITE} sessions limited to ${SITE_LIMIT_SHARE * 100} % of their summed max power (at least 105 % of their plan), ` +
  `grid connections of ${SITES_PER_CONNECTION} sites limited to ${CONNECTION_LIMIT_SHARE * 100} % of their sites' limits (same floor); energy delivered before the start pro rata to the dwell elapsed; ` +
  'baseline (plan) = remaining need spread evenly over the remaining dwell; min charging power 6 A x phases x 230 V (3 phases above 7.4 kW); no V2G (public AC in 2019); ' +
  'sessions resampled with replacement and shifted in time so that all are connected at the start';

export interface RealSessionShape {
  readonly dwellS: number;
  readonly energyKwh: number;
  readonly maxPowerKw: number;
}

let cached: Promise<{ shapes: RealSessionShape[]; rejected: number }> | undefined;

/** Real ElaadNL sessions long enough for the benchmark hour, read once per process. */
export function realSessionShapes(): Promise<{ shapes: RealSessionShape[]; rejected: number }> {
  cached ??= (async () => {
    const dataDir = loadConfig({ LOG_LEVEL: 'error' }).dataDir;
    const shapes: RealSessionShape[] = [];
    let rejected = 0;
    for await (const row of readSessionFile(join(dataDir, DISPATCH_SESSIONS_FILE))) {
      if (row.kind !== 'usable') {
        rejected++;
        continue;
      }
      const s = row.session;
      const dwellS = (s.departure.getTime() - s.arrival.getTime()) / 1000;
      const maxPowerKw = Math.min(22, s.maxPower?.toFloat64ForOptimisation() ?? NOMINAL_EVSE_KW);
      if (dwellS < MIN_REMAINING_S + 600 || maxPowerKw < 1.4) continue;
      shapes.push({ dwellS, energyKwh: s.energy.toFloat64ForOptimisation(), maxPowerKw });
    }
    return { shapes, rejected };
  })();
  return cached;
}

export interface BenchFleet {
  readonly fleet: DispatchFleet;
  readonly sites: DispatchSites;
  /** Whether the need (target by departure at max power) was reachable at the start. */
  readonly feasible: Uint8Array;
  readonly realShapes: number;
}

/** N sessions connected at startS, resampled from the real shapes (seeded). */
export function buildBenchFleet(shapes: readonly RealSessionShape[], sessions: number, startS: number, seed: number): BenchFleet {
  const rng = new SeededRandom(seed);
  const fleet = new DispatchFleet(sessions);
  const feasible = new Uint8Array(sessions);
  const siteInputs: DispatchSiteInput[] = [];
  const siteSums: number[] = [];
  const siteBaselines: number[] = [];
  let connection = -1;
  let connectionSites = SITES_PER_CONNECTION;
  let site = -1;
  for (let k = 0; k < sessions; k++) {
    if (k % SESSIONS_PER_SITE === 0) {
      if (connectionSites === SITES_PER_CONNECTION) {
        connection = siteInputs.length;
        siteInputs.push({ siteId: `gc-${connection}`, parentIndex: -1, importLimitKw: 0, exportLimitKw: 0 });
        siteSums.push(0);
        siteBaselines.push(0);
        connectionSites = 0;
      }
      site = siteInputs.length;
      siteInputs.push({ siteId: `site-${site}`, parentIndex: connection, importLimitKw: 0, exportLimitKw: 0 });
      siteSums.push(0);
      siteBaselines.push(0);
      connectionSites++;
    }
    const shape = shapes[rng.int(0, shapes.length)];
    const remainingS = Math.min(MAX_REMAINING_S, rng.between(MIN_REMAINING_S, shape.dwellS));
    const elapsedS = shape.dwellS - remainingS;
    const deliveredKwh = (shape.energyKwh * elapsedS) / shape.dwellS;
    const needKwh = shape.energyKwh - deliveredKwh;
    const maxKw = shape.maxPowerKw;
    const minChargeKw = maxKw > 7.4 ? 4.14 : 1.38;
    let baselineKw = needKwh / (remainingS / 3600);
    if (baselineKw > maxKw) baselineKw = maxKw;
    else if (baselineKw > 0 && baselineKw < minChargeKw) baselineKw = minChargeKw;
    feasible[k] = needKwh <= (maxKw * remainingS) / 3600 + 1e-9 ? 1 : 0;
    fleet.upsert({
      sessionId: `b-${k}`,
      channel: pickChannel(rng.next()),
      siteIndex: site,
      baselineKw,
      measuredKw: baselineKw,
      telemetryAtS: startS,
      bandMinKw: 0,
      bandMaxKw: maxKw,
      drawKw: maxKw,
      maxKw,
      minChargeKw,
      deliveredKwh,
      targetKwh: shape.energyKwh,
      ceilingKwh: shape.energyKwh,
      departureS: startS + remainingS,
    });
    siteSums[site] += maxKw;
    siteBaselines[site] += baselineKw;
  }
  // Limits: a share of what the sessions behind a node could draw, but never below their plan (a real
  // plan respects the limits; this stand-in plan is spread evenly and would not always).
  const limits = siteInputs.map((s, j) => (s.parentIndex === -1 ? 0 : Math.max(siteSums[j] * SITE_LIMIT_SHARE, siteBaselines[j] * 1.05)));
  siteInputs.forEach((s, j) => {
    if (s.parentIndex === -1) return;
    limits[s.parentIndex] += limits[j] * CONNECTION_LIMIT_SHARE;
    siteBaselines[s.parentIndex] += siteBaselines[j];
  });
  siteInputs.forEach((s, j) => {
    if (s.parentIndex === -1) limits[j] = Math.max(limits[j], siteBaselines[j] * 1.05);
  });
  const sites = new DispatchSites(siteInputs.map((s, j) => ({ ...s, importLimitKw: limits[j] })));
  return { fleet, sites, feasible, realShapes: shapes.length };
}

function pickChannel(u: number): DispatchChannelName {
  let acc = 0;
  for (const [channel, share] of CHANNEL_MIX) {
    acc += share;
    if (u < acc) return channel;
  }
  return CHANNEL_MIX[CHANNEL_MIX.length - 1][0];
}
