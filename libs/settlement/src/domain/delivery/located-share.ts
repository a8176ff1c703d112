import { Decimal } from '@vpp/units';
import { weakestBasis } from '../settlement-vocabulary';
import type { LocatedDelivery, MeteredIsp } from './settled-inputs';

/**
 * Each fleet's part of an order placed at a location: its recorded baseline behind the location in
 * the order's ISPs over all fleets' (ASSUMED, like `fleetShares`); no baseline there: the day
 * shares. Fleets without meter rows behind the location get share 0 and deliver nothing.
 */
export function locatedDeliveries(
  behind: ReadonlyMap<string, readonly MeteredIsp[]>,
  ispStarts: ReadonlySet<number>,
  dayShares: ReadonlyMap<string, Decimal>,
): Map<string, LocatedDelivery> {
  const baselineOf = (isps: readonly MeteredIsp[]): Decimal =>
    isps.filter((isp) => ispStarts.has(isp.ispStart.getTime())).reduce((sum, isp) => sum.plus(isp.baselineKwh), new Decimal(0));
  const total = [...behind.values()].reduce((sum, isps) => sum.plus(baselineOf(isps)), new Decimal(0));
  return new Map(
    [...dayShares.keys()].map((fleetId) => {
      const fleetIsps = behind.get(fleetId) ?? [];
      const share = total.isZero() ? (dayShares.get(fleetId) ?? new Decimal(0)) : baselineOf(fleetIsps).dividedBy(total);
      return [fleetId, { fleetIsps, share }];
    }),
  );
}

/** The portfolio's metered energy behind a location: all fleets' rows summed per ISP. */
export function portfolioIsps(behind: ReadonlyMap<string, readonly MeteredIsp[]>): MeteredIsp[] {
  const byStart = new Map<number, MeteredIsp>();
  for (const isps of behind.values()) {
    for (const isp of isps) {
      const seen = byStart.get(isp.ispStart.getTime());
      byStart.set(
        isp.ispStart.getTime(),
        seen
          ? {
              ispStart: isp.ispStart,
              chargedKwh: seen.chargedKwh.plus(isp.chargedKwh),
              dischargedKwh: seen.dischargedKwh.plus(isp.dischargedKwh),
              baselineKwh: seen.baselineKwh.plus(isp.baselineKwh),
              basis: weakestBasis([seen.basis, isp.basis]),
            }
          : isp,
      );
    }
  }
  return [...byStart.values()].sort((a, b) => a.ispStart.getTime() - b.ispStart.getTime());
}
