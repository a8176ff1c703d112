import { DayAheadModelError, HorizonPlanInput, KwSeries } from './day-ahead-model';

const ISP_MS = 15 * 60_000;
const LIMIT_TOLERANCE_KW = 1e-9;

/**
 * The horizon's inputs in index form: sessions placed on the horizon's ISPs (a delivery day, or
 * any contiguous run of ISPs), and the limit tree
 * (fuses and sites as one list of nodes) with per-ISP limits and fixed load.
 *
 * A node "can bind" when, at some ISP, its fixed net load plus all its sessions at full charge
 * (or full discharge) would cross its limit, or when it carries a capacity tariff. Nodes that
 * cannot bind are left out of the LP: their rows could never be active.
 */
export interface SiteNetwork {
  readonly ispCount: number;
  readonly pricesEurPerMwh: Float64Array;
  /** Per session: first ISP (0-based horizon index) and ISP count of its envelope. */
  readonly sessionFirstIsp: Int32Array;
  readonly sessionIspCount: Int32Array;
  readonly sessionSiteNode: Int32Array;
  readonly nodeIds: readonly string[];
  /** Parent node index, -1 at the top. Fuses first, then sites (input order). */
  readonly nodeParent: Int32Array;
  readonly siteNodeOffset: number;
  readonly importLimitKw: readonly Float64Array[];
  readonly exportLimitKw: readonly Float64Array[];
  /** Base load minus PV of all sites under the node, kW per ISP. */
  readonly fixedNetKw: readonly Float64Array[];
  readonly capacityTariffEurPerKw: Float64Array;
  readonly monthToDatePeakKw: Float64Array;
  readonly canBind: Uint8Array;
  /** Per node: itself and its ancestors that can bind, innermost first. */
  readonly bindingChain: readonly Int32Array[];
}

function series(value: KwSeries | undefined, n: number, what: string, defaultValue: number): Float64Array {
  const out = new Float64Array(n);
  if (value === undefined) return out.fill(defaultValue);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new DayAheadModelError(`${what}: not a number`);
    return out.fill(value);
  }
  if (value.length !== n) throw new DayAheadModelError(`${what}: needs ${n} values (one per ISP of the horizon), got ${value.length}`);
  for (let t = 0; t < n; t += 1) {
    if (Number.isNaN(value[t])) throw new DayAheadModelError(`${what}: ISP ${t + 1} is not a number`);
    out[t] = value[t];
  }
  return out;
}

function nonNegative(values: Float64Array, what: string): Float64Array {
  for (let t = 0; t < values.length; t += 1) if (!(values[t] >= 0)) throw new DayAheadModelError(`${what}: ISP ${t + 1} must be >= 0 kW`);
  return values;
}

/**
 * `horizonName` names the horizon in errors ("delivery day 2019-06-12"). The caller has checked
 * that `input.isps` is a non-empty run of consecutive ISPs.
 */
export function buildSiteNetwork(input: HorizonPlanInput, horizonName: string): SiteNetwork {
  const n = input.isps.length;
  const horizonStartMs = input.isps[0].start.getTime();
  const prices = series(input.pricesEurPerMwh, n, 'prices', 0);
  for (let t = 0; t < n; t += 1) if (!Number.isFinite(prices[t])) throw new DayAheadModelError(`price at ISP ${t + 1} is not finite`);

  const fuses = input.fuses ?? [];
  const nodeIds = [...fuses.map((f) => f.id), ...input.sites.map((s) => s.id)];
  const nodeCount = nodeIds.length;
  const siteNodeOffset = fuses.length;
  const fuseIndex = new Map<string, number>();
  fuses.forEach((f, i) => {
    if (fuseIndex.has(f.id)) throw new DayAheadModelError(`duplicate fuse ${f.id}`);
    fuseIndex.set(f.id, i);
  });
  const siteIndex = new Map<string, number>();
  input.sites.forEach((s, i) => {
    if (siteIndex.has(s.id)) throw new DayAheadModelError(`duplicate site ${s.id}`);
    siteIndex.set(s.id, siteNodeOffset + i);
  });
  const parentOf = (id: string | undefined, owner: string): number => {
    if (id === undefined) return -1;
    const index = fuseIndex.get(id);
    if (index === undefined) throw new DayAheadModelError(`${owner}: unknown fuse ${id}`);
    return index;
  };

  const nodeParent = new Int32Array(nodeCount);
  const importLimitKw: Float64Array[] = [];
  const exportLimitKw: Float64Array[] = [];
  const fixedNetKw: Float64Array[] = [];
  const capacityTariffEurPerKw = new Float64Array(nodeCount);
  const monthToDatePeakKw = new Float64Array(nodeCount);
  fuses.forEach((f, i) => {
    nodeParent[i] = parentOf(f.parentFuseId, `fuse ${f.id}`);
    importLimitKw.push(nonNegative(series(f.importLimitKw, n, `fuse ${f.id} import limit`, 0), `fuse ${f.id} import limit`));
    exportLimitKw.push(nonNegative(series(f.exportLimitKw, n, `fuse ${f.id} export limit`, 0), `fuse ${f.id} export limit`));
    fixedNetKw.push(new Float64Array(n));
  });
  input.sites.forEach((s, i) => {
    const node = siteNodeOffset + i;
    nodeParent[node] = parentOf(s.fuseId, `site ${s.id}`);
    importLimitKw.push(nonNegative(series(s.importLimitKw, n, `site ${s.id} import limit`, 0), `site ${s.id} import limit`));
    exportLimitKw.push(nonNegative(series(s.exportLimitKw, n, `site ${s.id} export limit`, 0), `site ${s.id} export limit`));
    const base = nonNegative(series(s.baseLoadKw, n, `site ${s.id} base load`, 0), `site ${s.id} base load`);
    const pv = nonNegative(series(s.pvKw, n, `site ${s.id} PV`, 0), `site ${s.id} PV`);
    const net = new Float64Array(n);
    for (let t = 0; t < n; t += 1) net[t] = base[t] - pv[t];
    fixedNetKw.push(net);
    const tariff = s.capacityTariffEurPerKw ?? 0;
    const peak = s.monthToDatePeakKw ?? 0;
    if (!(tariff >= 0) || !Number.isFinite(tariff)) throw new DayAheadModelError(`site ${s.id}: capacity tariff must be a finite EUR/kW >= 0`);
    if (!(peak >= 0) || !Number.isFinite(peak)) throw new DayAheadModelError(`site ${s.id}: month-to-date peak must be a finite kW >= 0`);
    capacityTariffEurPerKw[node] = tariff;
    monthToDatePeakKw[node] = peak;
  });
  // Fuse cycles would make the subtree sums below loop forever.
  for (let node = 0; node < nodeCount; node += 1) {
    let steps = 0;
    for (let p = nodeParent[node]; p >= 0; p = nodeParent[p]) if (++steps > nodeCount) throw new DayAheadModelError(`fuse cycle above ${nodeIds[node]}`);
  }
  for (let site = siteNodeOffset; site < nodeCount; site += 1) {
    for (let p = nodeParent[site]; p >= 0; p = nodeParent[p]) for (let t = 0; t < n; t += 1) fixedNetKw[p][t] += fixedNetKw[site][t];
  }

  const sessionCount = input.sessions.length;
  const sessionFirstIsp = new Int32Array(sessionCount);
  const sessionIspCount = new Int32Array(sessionCount);
  const sessionSiteNode = new Int32Array(sessionCount);
  const maxChargeKw = importLimitKw.map(() => new Float64Array(n));
  const maxDischargeKw = importLimitKw.map(() => new Float64Array(n));
  input.sessions.forEach((session, s) => {
    const node = siteIndex.get(session.siteId);
    if (node === undefined) throw new DayAheadModelError(`session ${session.id}: unknown site ${session.siteId}`);
    const env = session.envelope;
    const count = env.isps.length;
    const first = count === 0 ? 0 : (env.isps[0].start.getTime() - horizonStartMs) / ISP_MS;
    if (count === 0 || first < 0 || first + count > n) throw new DayAheadModelError(`session ${session.id}: its envelope must lie inside ${horizonName}`);
    sessionFirstIsp[s] = first;
    sessionIspCount[s] = count;
    sessionSiteNode[s] = node;
    for (let p = node; p >= 0; p = nodeParent[p]) {
      for (let k = 0; k < count; k += 1) {
        maxChargeKw[p][first + k] += env.maxPowerKw[k];
        maxDischargeKw[p][first + k] -= env.minPowerKw[k];
      }
    }
  });

  const canBind = new Uint8Array(nodeCount);
  for (let node = 0; node < nodeCount; node += 1) {
    let binds = capacityTariffEurPerKw[node] > 0;
    for (let t = 0; t < n && !binds; t += 1) {
      binds =
        fixedNetKw[node][t] + maxChargeKw[node][t] > importLimitKw[node][t] + LIMIT_TOLERANCE_KW ||
        fixedNetKw[node][t] - maxDischargeKw[node][t] < -exportLimitKw[node][t] - LIMIT_TOLERANCE_KW;
    }
    canBind[node] = binds ? 1 : 0;
  }
  const bindingChain: Int32Array[] = [];
  for (let node = 0; node < nodeCount; node += 1) {
    const chain: number[] = [];
    for (let p = node; p >= 0; p = nodeParent[p]) if (canBind[p]) chain.push(p);
    bindingChain.push(Int32Array.from(chain));
  }

  return {
    ispCount: n,
    pricesEurPerMwh: prices,
    sessionFirstIsp,
    sessionIspCount,
    sessionSiteNode,
    nodeIds,
    nodeParent,
    siteNodeOffset,
    importLimitKw,
    exportLimitKw,
    fixedNetKw,
    capacityTariffEurPerKw,
    monthToDatePeakKw,
    canBind,
    bindingChain,
  };
}
