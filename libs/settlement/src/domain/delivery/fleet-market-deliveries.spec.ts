import { Block, Decimal, DeliveryDay, Money } from '@vpp/units';
import { priceMarkets } from '../pricing/price-markets';
import type { PricedLine } from '../pricing/priced-line';
import { ACTIVATED_ENERGY_ASSUMPTION, CAPACITY_AVAILABILITY_ASSUMPTION, fleetMarketDeliveries } from './fleet-market-deliveries';
import type { FleetDeliveriesInput } from './fleet-market-deliveries';
import { FLEET_SHARE_ASSUMPTION, fleetShares } from './fleet-share';
import type { MeteredIsp, SettledAward, TrackedActivationIsp } from './settled-inputs';

// One fleet of a NL portfolio on 2026-06-01 (CEST, 96 ISPs; ISP n = DAY.ispAt(n), 1-based).
const DAY = DeliveryDay.of('2026-06-01');
const d = (text: string | number): Decimal => new Decimal(text);
const ispStart = (n: number): Date => DAY.ispAt(n).start;

function award(overrides: Partial<SettledAward> & Pick<SettledAward, 'market' | 'direction' | 'period' | 'price' | 'priceUnit'>): SettledAward {
  return { id: `${overrides.market}.${overrides.direction}.${overrides.period.start.toISOString()}`, productCode: `${overrides.market}-nl`, quantityMw: d('0.1'), labels: [], pairRef: null, side: null, ...overrides };
}

const AWARDS: SettledAward[] = [
  award({ market: 'fcr', direction: 'symmetric', period: Block.of(DAY, 0).range, price: d(10), priceUnit: 'EUR/MW/h', labels: ['FCR price ASSUMED'] }),
  award({ market: 'afrr', direction: 'up', period: Block.of(DAY, 1).range, quantityMw: d('0.2'), price: d(5), priceUnit: 'EUR/MW/h', labels: ['DE auction data used for NL'] }),
  award({ market: 'afrr', direction: 'up', period: DAY.ispAt(21).range, price: d(100), priceUnit: 'EUR/MWh' }),
  award({ market: 'idcons', direction: 'sell', period: DAY.ispAt(41).range, price: d(70), priceUnit: 'EUR/MWh', pairRef: 'req-1.isp41', side: 'inside' }),
  award({ market: 'idcons', direction: 'buy', period: DAY.ispAt(41).range, price: d(30), priceUnit: 'EUR/MWh', pairRef: 'req-1.isp41', side: 'outside' }),
];

const TRACKING: TrackedActivationIsp[] = [
  // FCR in ISP 1: 10 kWh up requested, 5 kWh delivered.
  { activation: 'fcr', ispStart: ispStart(1), targetKwh: d(-10), measuredKwh: d(-5) },
  // aFRR up in ISP 21 (block 1): 25 kWh requested, 20 kWh measured by dispatch.
  { activation: 'afrr', ispStart: ispStart(21), targetKwh: d(-25), measuredKwh: d(-20) },
];

const METER: MeteredIsp[] = [
  { ispStart: ispStart(21), chargedKwh: d(10), dischargedKwh: d(0), baselineKwh: d(30), basis: 'measured' },
  { ispStart: ispStart(41), chargedKwh: d(20), dischargedKwh: d(0), baselineKwh: d(40), basis: 'estimated' },
];

const input = (overrides: Partial<FleetDeliveriesInput> = {}): FleetDeliveriesInput => ({
  awards: AWARDS,
  tracking: TRACKING,
  fleetIsps: METER,
  fleetShare: d(1),
  dayAheadPrices: new Map([
    [ispStart(21).getTime(), d(50)],
    [ispStart(41).getTime(), d(60)],
  ]),
  ...overrides,
});

const priced = (args: FleetDeliveriesInput): PricedLine[] => {
  const result = fleetMarketDeliveries(args);
  if (result.kind !== 'priced') throw new Error(`expected priced, got ${result.kind}`);
  return priceMarkets(result.deliveries);
};
const rows = (lines: readonly PricedLine[]): string[] => lines.map((line) => `${line.kind} ${line.amount.toFixed(4, 4)} ${line.quantity.toFixed()}`);

describe(fleetMarketDeliveries.name, () => {
  it('settles FCR, aFRR capacity and energy, IDCONS and the imbalance adjustment of one fleet (hand-computed)', () => {
    const lines = priced(input());
    // FCR block 0 (00-04 h, 16 ISPs): 0.1 MW x 10 EUR/MW/h x 4 h = 4.
    //   ISP 1 delivered 5/10 of the request -> available 0.05 MW; 15 ISPs untracked -> 0.1 MW.
    //   share = (15 x 0.1 + 0.05) / (16 x 0.1) = 0.96875; cut = -4 x 0.03125 = -0.125 (0.0125 MW·h).
    // aFRR capacity up block 1 (04-08 h): 0.2 x 5 x 4 = 4; ISP 21 up, measured 20/25 = 0.8
    //   -> share (15 + 0.8) / 16 = 0.9875; cut = -4 x 0.0125 = -0.05 (0.01 MW·h).
    // aFRR energy ISP 21: metered deviation = baseline 30 - bought 10 = 20 kWh up, within the 25 requested
    //   -> 0.02 MWh x 100 = 2.
    // IDCONS ISP 41, inside sell 0.1 MW x 0.25 h = 0.025 MWh at 70, paired outside buy at 30:
    //   counterparty +0.025 x 30 = 0.75, spread 0.025 x (70 - 30) = 1; delivered 40 - 20 = 20 kWh,
    //   shortfall 0.005 MWh x 70 = -0.35. Outside buy (counted delivered): counterparty -0.025 x 30 = -0.75, spread 0.
    // Imbalance adjustment ISP 21: -(0.02 MWh x day-ahead 50) = -1.
    expect(rows(lines)).toEqual([
      'fcr-capacity 4.0000 0.4',
      'fcr-capacity-under-delivery -0.1250 -0.0125',
      'afrr-capacity-up 4.0000 0.8',
      'afrr-capacity-up-under-delivery -0.0500 -0.01',
      'afrr-energy-up 2.0000 0.02',
      'idcons-counterparty 0.7500 0.025',
      'idcons-spread 1.0000 0.025',
      'idcons-penalty -0.3500 0.005',
      'idcons-counterparty -0.7500 0.025',
      'idcons-spread 0.0000 0.025',
      'imbalance-transfer -1.0000 0.02',
    ]);
    // 4 - 0.125 + 4 - 0.05 + 2 + 0.75 + 1 - 0.35 - 0.75 + 0 - 1 = 9.475
    expect(Money.sum(lines.map((l) => l.amount), 'EUR').toFixed(4, 4)).toBe('9.4750');
  });

  it('carries the award labels and the delivery assumptions onto the lines', () => {
    const lines = priced(input());
    const labels = (kind: string): readonly string[] => lines.find((line) => line.kind === kind)?.assumptions ?? [];
    expect(labels('fcr-capacity')).toContain('FCR price ASSUMED');
    expect(labels('fcr-capacity-under-delivery')).toEqual(expect.arrayContaining(['FCR price ASSUMED', CAPACITY_AVAILABILITY_ASSUMPTION]));
    expect(labels('afrr-capacity-up')).toContain('DE auction data used for NL');
    expect(labels('afrr-energy-up')).toContain(ACTIVATED_ENERGY_ASSUMPTION);
    expect(labels('fcr-capacity')).not.toContain(FLEET_SHARE_ASSUMPTION);
    expect(lines.find((line) => line.kind === 'idcons-penalty')?.basis).toBe('estimated');
  });

  it("scales the portfolio's awards by the fleet's share and says so", () => {
    const lines = priced(input({ fleetShare: d('0.25') }));
    // FCR 0.025 MW x 10 x 4 = 1; aFRR energy capped at 25 x 0.25 = 6.25 kWh -> 0.00625 x 100 = 0.625.
    expect(rows(lines)[0]).toBe('fcr-capacity 1.0000 0.1');
    expect(rows(lines).find((row) => row.startsWith('afrr-energy-up'))).toBe('afrr-energy-up 0.6250 0.00625');
    expect(lines[0].assumptions).toContain(FLEET_SHARE_ASSUMPTION);
  });

  it('waits for an activation without an energy price, never pricing it at zero', () => {
    const result = fleetMarketDeliveries(input({ awards: AWARDS.filter((a) => a.priceUnit !== 'EUR/MWh' || a.market !== 'afrr') }));
    expect(result).toEqual({ kind: 'price-missing', isps: [DAY.ispAt(21)] });
  });

  it('prices an activation without an energy award at the published aFRR energy price', () => {
    const awards = AWARDS.filter((a) => a.priceUnit !== 'EUR/MWh' || a.market !== 'afrr');
    const lines = priced(input({ awards, afrrEnergyPrices: new Map([[`up.${ispStart(21).getTime()}`, d(90)]]) }));
    // 20 kWh = 0.02 MWh x 90 = 1.80; a published down price would not do for an upward activation.
    expect(rows(lines).find((row) => row.startsWith('afrr-energy-up'))).toBe('afrr-energy-up 1.8000 0.02');
    expect(fleetMarketDeliveries(input({ awards, afrrEnergyPrices: new Map([[`down.${ispStart(21).getTime()}`, d(90)]]) })).kind).toBe('price-missing');
  });

  it('pays no activated energy when the meter shows none in the activation direction', () => {
    const lines = priced(input({ fleetIsps: [{ ...METER[0], chargedKwh: d(35) }] }));
    expect(lines.map((line) => line.kind)).not.toContain('afrr-energy-up');
    expect(lines.map((line) => line.kind)).not.toContain('imbalance-transfer');
  });
});

describe(fleetShares.name, () => {
  it("splits by the day's baseline energy, equally when there is none", () => {
    const metered = (kwh: string): MeteredIsp[] => [{ ispStart: ispStart(1), chargedKwh: d(0), dischargedKwh: d(0), baselineKwh: d(kwh), basis: 'measured' }];
    expect([...fleetShares(new Map([['a', metered('30')], ['b', metered('10')]]))].map(([id, s]) => `${id} ${s.toFixed()}`)).toEqual(['a 0.75', 'b 0.25']);
    expect([...fleetShares(new Map([['a', metered('0')], ['b', []]]))].map(([id, s]) => `${id} ${s.toFixed()}`)).toEqual(['a 0.5', 'b 0.5']);
  });
});
