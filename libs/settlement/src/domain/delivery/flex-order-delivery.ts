import { Isp, Money, PowerW } from '@vpp/units';
import type { FlexOrderDelivery } from '../pricing/uftp-pricing';
import { weakestBasis } from '../settlement-vocabulary';
import { FLEET_SHARE_ASSUMPTION } from './fleet-share';
import type { LocatedDelivery, MeteredIsp, SettledFlexOrder } from './settled-inputs';

/** Mean power of an ISP's metered deviation from the recorded baseline, W (+ = more consumption, as UFTP). */
export function deliveredFlexPowerW(row: MeteredIsp | undefined, isp: Isp): PowerW {
  if (!row) return PowerW.zero();
  const kwh = row.chargedKwh.minus(row.dischargedKwh).minus(row.baselineKwh);
  return PowerW.of(kwh.times(1000).dividedBy(isp.range.durationHours));
}

/**
 * A fleet's part of a FlexOrder: the Price and the ordered power times its share behind the
 * congestion point, against the flex power its own sessions there delivered per ISP (metered
 * against the recorded baseline). Share 0: not this fleet's order.
 */
export function fleetFlexOrderDelivery(order: SettledFlexOrder, located: LocatedDelivery): FlexOrderDelivery | null {
  if (located.share.isZero() || order.isps.length === 0) return null;
  const meter = new Map(located.fleetIsps.map((row) => [row.ispStart.getTime(), row]));
  const isps = order.isps.map((entry) => {
    const isp = Isp.startingAt(entry.ispStart);
    return {
      isp,
      orderedFlexPowerW: PowerW.of(entry.orderedFlexPowerW.times(located.share)),
      deliveredFlexPowerW: deliveredFlexPowerW(meter.get(entry.ispStart.getTime()), isp),
    };
  });
  const rows = order.isps.flatMap((entry) => meter.get(entry.ispStart.getTime()) ?? []);
  return {
    orderReference: order.orderReference,
    price: Money.eur(order.price.times(located.share)),
    isps,
    basis: weakestBasis(rows.map((row) => row.basis)),
    ...(located.share.equals(1) ? {} : { labels: [FLEET_SHARE_ASSUMPTION] }),
  };
}
