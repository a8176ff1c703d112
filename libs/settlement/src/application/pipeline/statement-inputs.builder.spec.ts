import { Decimal, DeliveryDay } from '@vpp/units';
import { countryOfBiddingZone, dayAheadDeliveries, monthsInDay, type FleetIspMeter } from './statement-inputs.builder';

const isp = (iso: string, charged: string, baseline: string, discharged = '0'): FleetIspMeter => ({
  ispStart: new Date(iso),
  chargedKwh: new Decimal(charged),
  dischargedKwh: new Decimal(discharged),
  baselineKwh: new Decimal(baseline),
  basis: 'measured',
});

describe('statement inputs from the meter stage', () => {
  it('prices each ISP with energy: bought = charged - discharged, in MWh, against the baseline', () => {
    const sut = dayAheadDeliveries(
      [isp('2026-06-10T00:00:00Z', '5', '10'), isp('2026-06-10T00:15:00Z', '0', '0'), isp('2026-06-10T00:30:00Z', '8', '0', '3')],
      new Map([
        [Date.parse('2026-06-10T00:00:00Z'), new Decimal('100')],
        [Date.parse('2026-06-10T00:30:00Z'), new Decimal('-5')],
      ]),
    );
    expect(sut.kind).toBe('priced');
    const mtus = sut.kind === 'priced' ? sut.mtus : [];
    // the ISP with neither energy nor baseline needs no price and gives no MTU
    expect(mtus.map((m) => [m.period.start.toISOString(), m.boughtMwh.value.toString(), m.baselineMwh.value.toString(), m.priceEurPerMwh.value.toString()])).toEqual([
      ['2026-06-10T00:00:00.000Z', '0.005', '0.01', '100'],
      ['2026-06-10T00:30:00.000Z', '0.005', '0', '-5'],
    ]);
  });

  it('reports every ISP with energy but no price instead of pricing it at zero', () => {
    const sut = dayAheadDeliveries([isp('2026-06-10T00:00:00Z', '5', '10'), isp('2026-06-10T00:15:00Z', '0', '2')], new Map());
    expect(sut.kind === 'price-missing' ? sut.isps.map((i) => i.start.toISOString()) : []).toEqual(['2026-06-10T00:00:00.000Z', '2026-06-10T00:15:00.000Z']);
  });

  it('takes the country of the bidding zone and refuses a zone without rules', () => {
    expect(['NL', 'DE-LU', 'NO1', 'SE3'].map(countryOfBiddingZone)).toEqual(['NL', 'DE', 'NO', 'SE']);
    expect(() => countryOfBiddingZone('BE')).toThrow('no country rules for bidding zone BE');
  });

  it('counts a day as 1/days-in-month for monthly fees', () => {
    expect([monthsInDay(DeliveryDay.of('2026-02-10')), monthsInDay(DeliveryDay.of('2026-03-31'))].map((d) => d.times(28 * 31).toString())).toEqual(['31', '28']);
  });
});
