import { powerAlongTrajectoryKw } from '../flexibility-envelope';
import { AggregationError, RESERVE_POOLS, type AggregationMember, type ReservePool } from './aggregation-member';
import { FirmCapacity, type QuantileMethod } from './firm-capacity';
import type { HorizonIndex } from './horizon-index';
import { reservePresenceProbability } from './presence-probability';

/**
 * What a reserve product can count on in one pool, per ISP, at the chosen confidence (0.9 = P90,
 * the value we are 90 % sure to have), from the members' presence distribution rather than their
 * nameplates. Up = more power to the grid than the schedule (charge less or discharge more);
 * down = more consumption.
 */
export interface ReserveBand {
  readonly pool: ReservePool;
  /** Charging power of the pool's members that are there, kW (>= 0). */
  readonly maxPowerKw: Float64Array;
  /** Lowest power they reach, kW (<= 0: the discharge of V2G members that are there). */
  readonly minPowerKw: Float64Array;
  /**
   * maxPowerKw / the virtual battery's max power (0..1): the share of a portfolio schedule that
   * sits on this pool's firm members if the schedule is spread in proportion to max power (the
   * rule the reserve co-optimisation uses: only that share of the schedule can be reduced).
   */
  readonly firmShare: Float64Array;
  /** Upward power from the members' reference schedules (default: uncontrolled charging), kW. */
  readonly upwardKw: Float64Array;
  /** Downward power from the reference schedules, kW. */
  readonly downwardKw: Float64Array;
}

export interface ReserveBandsResult {
  readonly bands: Readonly<Record<ReservePool, ReserveBand>>;
  /** How many (pool, quantity, ISP) quantiles each method computed. */
  readonly methodCounts: { readonly exact: number; readonly normal: number };
}

const QUANTITIES = 4; // max power, discharge depth, upward, downward

function poolsOf(member: AggregationMember): ReservePool[] {
  const pools: ReservePool[] = [];
  if (member.eligibleProducts.length > 0) pools.push('any');
  for (const product of member.eligibleProducts) if (!pools.includes(product)) pools.push(product);
  return pools;
}

export function reserveBands(
  members: readonly AggregationMember[],
  horizon: HorizonIndex,
  batteryMaxPowerKw: Float64Array,
  confidence: number,
  method: QuantileMethod,
): ReserveBandsResult {
  if (!(confidence >= 0.5 && confidence < 1)) throw new AggregationError(`confidence must be in [0.5, 1), got ${confidence}`);
  const h = horizon.length;
  // accumulators[pool][quantity][t]
  const accumulators = RESERVE_POOLS.map(() => Array.from({ length: QUANTITIES }, () => Array.from({ length: h }, () => new FirmCapacity(method))));
  for (const member of members) {
    const pools = poolsOf(member).map((pool) => RESERVE_POOLS.indexOf(pool));
    if (pools.length === 0) continue;
    const envelope = member.envelope;
    const n = envelope.isps.length;
    const w = member.weight ?? 1;
    const presence = reservePresenceProbability(envelope, member.departure, member.arrivalProbability);
    const reference = member.referencePowerKw ?? powerAlongTrajectoryKw(envelope, envelope.earliestEnergyKwh);
    if (reference.length !== n) throw new AggregationError(`member ${member.id}: reference power needs ${n} values, got ${reference.length}`);
    const offset = horizon.offsetOf(envelope);
    for (let k = 0; k < n && offset + k < h; k += 1) {
      const q = presence[k];
      if (q <= 0) continue;
      const t = offset + k;
      const lo = envelope.minPowerKw[k];
      const hi = envelope.maxPowerKw[k];
      const ref = Math.min(Math.max(reference[k], lo), hi);
      for (const p of pools) {
        const a = accumulators[p];
        a[0][t].add(hi, q, w);
        a[1][t].add(-lo, q, w);
        a[2][t].add(ref - lo, q, w);
        a[3][t].add(hi - ref, q, w);
      }
    }
  }
  const methodCounts = { exact: 0, normal: 0 };
  const firm = (acc: FirmCapacity): number => {
    const value = acc.firm(confidence);
    methodCounts[value.method] += 1;
    return value.valueKw;
  };
  const entries = RESERVE_POOLS.map((pool, p): [ReservePool, ReserveBand] => {
    const band: ReserveBand = {
      pool,
      maxPowerKw: new Float64Array(h),
      minPowerKw: new Float64Array(h),
      firmShare: new Float64Array(h),
      upwardKw: new Float64Array(h),
      downwardKw: new Float64Array(h),
    };
    const a = accumulators[p];
    for (let t = 0; t < h; t += 1) {
      band.maxPowerKw[t] = firm(a[0][t]);
      band.minPowerKw[t] = -firm(a[1][t]);
      band.upwardKw[t] = firm(a[2][t]);
      band.downwardKw[t] = firm(a[3][t]);
      band.firmShare[t] = batteryMaxPowerKw[t] > 0 ? Math.min(1, band.maxPowerKw[t] / batteryMaxPowerKw[t]) : 0;
    }
    return [pool, band];
  });
  return { bands: Object.fromEntries(entries) as Record<ReservePool, ReserveBand>, methodCounts };
}
