import { Decimal, DeliveryDay } from '@vpp/units';
import { priceFlexOrders } from '../pricing/uftp-pricing';
import { fleetFlexOrderDelivery } from './flex-order-delivery';
import { FLEET_SHARE_ASSUMPTION } from './fleet-share';
import { locatedDeliveries, portfolioIsps } from './located-share';
import type { MeteredIsp, SettledFlexOrder } from './settled-inputs';

const DAY = DeliveryDay.of('2026-06-01');
const d = (text: string | number): Decimal => new Decimal(text);
const start = (n: number): Date => DAY.ispAt(n).start;
const metered = (n: number, bought: string, baseline: string): MeteredIsp => ({
  ispStart: start(n),
  chargedKwh: d(bought),
  dischargedKwh: d(0),
  baselineKwh: d(baseline),
  basis: 'measured',
});

// A FlexOrder of -40 kW in ISPs 10 and 11 at 6.00 EUR, behind a congestion point where fleets a and b charge.
const ORDER: SettledFlexOrder = {
  id: 'order-1',
  orderReference: 'order-1',
  price: d(6),
  isps: [
    { ispStart: start(10), orderedFlexPowerW: d(-40_000) },
    { ispStart: start(11), orderedFlexPowerW: d(-40_000) },
  ],
};
const BEHIND = new Map([
  ['a', [metered(10, '3', '9'), metered(11, '6', '9'), metered(12, '9', '0')]],
  ['b', [metered(10, '1', '3'), metered(11, '3', '3')]],
]);

describe(locatedDeliveries.name, () => {
  it("splits an order by the fleets' baseline behind its location in its ISPs, else by the day shares", () => {
    // a: 9 + 9 = 18 kWh, b: 3 + 3 = 6 kWh (ISP 12 is not the order's) -> 0.75 / 0.25.
    const located = locatedDeliveries(BEHIND, new Set([start(10).getTime(), start(11).getTime()]), new Map([['a', d('0.5')], ['b', d('0.5')], ['c', d(0)]]));
    expect([...located].map(([fleet, at]) => `${fleet} ${at.share.toFixed()}`)).toEqual(['a 0.75', 'b 0.25', 'c 0']);
    const nothingThere = locatedDeliveries(new Map(), new Set([start(10).getTime()]), new Map([['a', d('0.4')], ['b', d('0.6')]]));
    expect([...nothingThere].map(([fleet, at]) => `${fleet} ${at.share.toFixed()}`)).toEqual(['a 0.4', 'b 0.6']);
  });

  it('sums the fleets behind a location per ISP for the DSO figures', () => {
    expect(portfolioIsps(BEHIND).map((row) => `${row.chargedKwh.toFixed()}/${row.baselineKwh.toFixed()}`)).toEqual(['4/12', '9/12', '9/0']);
  });
});

describe(fleetFlexOrderDelivery.name, () => {
  it("prices fleet a's part: Price x share, penalty pro rata to its deficiency (hand-computed)", () => {
    const located = locatedDeliveries(BEHIND, new Set([start(10).getTime(), start(11).getTime()]), new Map([['a', d(1)]]));
    const delivery = fleetFlexOrderDelivery(ORDER, located.get('a')!);
    // Ordered -40 kW x 0.75 = -30 kW per ISP = 0.0075 MWh each, 0.015 MWh in all; Price 6 x 0.75 = 4.50.
    // Delivered (3 - 9) kWh / 0.25 h = -24 kW (deficiency 6 kW), (6 - 9) / 0.25 = -12 kW (deficiency 18 kW):
    // 24 kW x 0.25 h = 0.006 MWh deficient -> penalty 4.50 x 0.006 / 0.015 = 1.80.
    const lines = priceFlexOrders([delivery!]);
    expect(lines.map((line) => `${line.kind} ${line.amount.toFixed(4, 4)} ${line.quantity.toFixed()}`)).toEqual(['uftp-price 4.5000 0.015', 'uftp-penalty -1.8000 0.006']);
    expect(lines[0].assumptions).toContain(FLEET_SHARE_ASSUMPTION);
  });

  it('gives a fleet without a share behind the location no part of the order', () => {
    expect(fleetFlexOrderDelivery(ORDER, { fleetIsps: [], share: d(0) })).toBeNull();
  });
});
