import { DispatchChannelName } from '../dispatch-channel';
import { DispatchFleet, DispatchSessionInput } from '../dispatch-fleet';
import { DispatchSiteInput, DispatchSites } from '../dispatch-sites';
import { SeededRandom } from './seeded-random';

export interface RandomFleet {
  readonly fleet: DispatchFleet;
  readonly sites: DispatchSites;
  readonly inputs: DispatchSessionInput[];
}

const AC_POWERS_KW = [3.7, 7.4, 11, 22];

/**
 * A random fleet for property tests: a two-level site tree (grid connections with sub-sites), mixed
 * channels, some V2G (OCPP only), some boosts, some sessions without laxity, some non-responsive.
 */
export function randomFleet(rng: SeededRandom, sessionCount: number, nowS: number): RandomFleet {
  const siteInputs: DispatchSiteInput[] = [];
  const roots = rng.int(1, 4);
  for (let r = 0; r < roots; r++) {
    const rootIndex = siteInputs.length;
    siteInputs.push({ siteId: `gc-${r}`, parentIndex: -1, importLimitKw: rng.between(10, 40 * Math.max(1, sessionCount / roots / 3)), exportLimitKw: rng.between(0, 20) });
    const children = rng.int(0, 3);
    for (let c = 0; c < children; c++) {
      siteInputs.push({ siteId: `site-${r}-${c}`, parentIndex: rootIndex, importLimitKw: rng.between(5, 30 * Math.max(1, sessionCount / roots / 4)), exportLimitKw: rng.between(0, 10) });
    }
  }
  const sites = new DispatchSites(siteInputs);
  const fleet = new DispatchFleet(sessionCount + 8);
  const inputs: DispatchSessionInput[] = [];
  for (let k = 0; k < sessionCount; k++) {
    const channel: DispatchChannelName = rng.pick(['ocpi', 'ocpp', 'oem'] as const);
    const maxKw = rng.pick(AC_POWERS_KW);
    const phases = maxKw > 8 ? 3 : 1;
    const minChargeKw = (6 * 230 * phases) / 1000;
    const v2g = channel === 'ocpp' && rng.chance(0.3);
    const bandMaxKw = rng.chance(0.8) ? maxKw : rng.between(0, maxKw);
    const bandMinKw = v2g ? -rng.between(0, maxKw) : 0;
    const deliveredKwh = rng.between(0, 30);
    const targetKwh = deliveredKwh + (rng.chance(0.1) ? 0 : rng.between(0, 40));
    // Some sessions are tight or already late: departure before the need could be met at full power.
    const needHours = (targetKwh - deliveredKwh) / maxKw;
    const departureS = nowS + 3600 * Math.max(0.01, needHours * rng.between(0.8, 3) + rng.between(-0.2, 2));
    const drawKw = channel === 'ocpi' ? rng.pick([maxKw, rng.between(minChargeKw, maxKw), 0]) : maxKw;
    const siteIndex = sites.count > 0 && rng.chance(0.9) ? rng.int(0, sites.count) : -1;
    const baselineKw = rng.chance(0.5) ? 0 : rng.between(bandMinKw, bandMaxKw);
    const input: DispatchSessionInput = {
      sessionId: `s-${k}`,
      channel,
      siteIndex,
      baselineKw,
      measuredKw: Math.min(baselineKw, 2),
      telemetryAtS: nowS,
      bandMinKw,
      bandMaxKw,
      drawKw,
      maxKw,
      minChargeKw,
      deliveredKwh,
      targetKwh,
      ceilingKwh: targetKwh + rng.between(0, 20),
      floorKwh: v2g ? rng.between(-10, 0) : 0,
      departureS,
      boost: rng.chance(0.05),
      participates: rng.chance(0.95),
    };
    inputs.push(input);
    const slot = fleet.upsert(input);
    if (rng.chance(0.05)) fleet.responsive[slot] = 0;
  }
  return { fleet, sites, inputs };
}
