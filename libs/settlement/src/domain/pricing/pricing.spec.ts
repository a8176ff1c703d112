import { Block, Decimal, DeliveryDay, EnergyMwh, Money, PowerMw, PowerW, PriceEurPerMwh, PriceEurPerMwPerHour } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import { fcrBlock, isp } from '../test-support/statement.fixture';
import { priceAfrrCapacity, priceAfrrEnergy } from './afrr-pricing';
import { deliveredShare } from './capacity-delivery';
import { dayAheadCosts, priceDayAhead } from './day-ahead-pricing';
import { priceFcr } from './fcr-pricing';
import { IDCONS_PENALTY_ASSUMPTION, IdconsOrderIsp, priceIdcons } from './idcons-pricing';
import { priceImbalanceAdjustment } from './imbalance-adjustment-pricing';
import type { PricedLine } from './priced-line';
import { FlexOrderDelivery, priceFlexOrders, settleFlexOrder } from './uftp-pricing';

const amounts = (lines: readonly PricedLine[]): [string, string][] => lines.map((line) => [line.kind, line.amount.toString()]);

describe(priceFcr.name, () => {
  it('pays MW x EUR/MW/h x hours and cuts the under-delivered share', () => {
    // 1 MW x 12.50 EUR/MW/h x 4 h = 50; share = (12 x 1 + 4 x 0.5) / 16 = 0.875; cut = -50 x 0.125 = -6.25
    const lines = priceFcr([fcrBlock()]);
    expect(amounts(lines)).toEqual([
      ['fcr-capacity', '50'],
      ['fcr-capacity-under-delivery', '-6.25'],
    ]);
    expect(lines.map((line) => line.quantity.toFixed())).toEqual(['4', '-0.5']);
    expect(lines[1].assumptions).toEqual([expect.stringContaining('ASSUMED')]);
  });

  it('pays the 5-hour first block of the 25-hour day, caps over-availability and has no cut at full delivery', () => {
    const block = Block.of(DeliveryDay.of('2026-10-25'), 0); // DST ends: block 0 lasts 5 h
    // 2 MW x 10 EUR/MW/h x 5 h = 100; 20 ISPs at 3 MW count as 2 MW
    const lines = priceFcr([{ ...fcrBlock(), period: block.range, awardedMw: PowerMw.of(2), priceEurPerMwPerHour: PriceEurPerMwPerHour.of(10), availableMwPerIsp: Array<PowerMw>(20).fill(PowerMw.of(3)) }]);
    expect(amounts(lines)).toEqual([['fcr-capacity', '100']]);
  });

  it('refuses a block without availability data instead of paying it', () => {
    expect(() => deliveredShare({ ...fcrBlock(), availableMwPerIsp: [] })).toThrow(SettlementError);
  });
});

describe(priceAfrrCapacity.name, () => {
  it('pays up and down separately and labels the NL non-delivery rule UNVERIFIED', () => {
    // up: 1 MW x 8.20 x 4 = 32.8; down: 0.5 MW x 3 x 4 = 6, half available: cut -3
    const lines = priceAfrrCapacity([
      { ...fcrBlock(), direction: 'up', priceEurPerMwPerHour: PriceEurPerMwPerHour.fromString('8.20'), availableMwPerIsp: [PowerMw.of(1)] },
      { ...fcrBlock(), direction: 'down', awardedMw: PowerMw.fromString('0.5'), priceEurPerMwPerHour: PriceEurPerMwPerHour.of(3), availableMwPerIsp: [PowerMw.fromString('0.25')] },
    ]);
    expect(amounts(lines)).toEqual([
      ['afrr-capacity-up', '32.8'],
      ['afrr-capacity-down', '6'],
      ['afrr-capacity-down-under-delivery', '-3'],
    ]);
    expect(lines.every((line) => line.assumptions.some((a) => a.startsWith('UNVERIFIED')))).toBe(true);
  });
});

describe(priceAfrrEnergy.name, () => {
  it.each([
    // up: TSO pays 0.25 x 120.51 = 30.1275; down: BSP pays 0.1 x 45.10 = -4.51
    ['120.51', '45.10', '30.1275', '-4.51'],
    // negative prices turn both round: up 0.25 x -20 = -5; down -(0.1 x -30) = +3
    ['-20', '-30', '-5', '3'],
  ])('up at %s and down at %s EUR/MWh: %s and %s EUR', (up, down, upEur, downEur) => {
    const lines = priceAfrrEnergy([
      { isp: isp(30), upMwh: EnergyMwh.fromString('0.25'), downMwh: EnergyMwh.fromString('0.1'), upPriceEurPerMwh: PriceEurPerMwh.fromString(up), downPriceEurPerMwh: PriceEurPerMwh.fromString(down), basis: 'measured' },
    ]);
    expect(amounts(lines)).toEqual([
      ['afrr-energy-up', upEur],
      ['afrr-energy-down', downEur],
    ]);
  });
});

describe('aFRR energy magnitudes', () => {
  it('refuses a negative activated volume rather than flipping its sign silently', () => {
    const entry = { isp: isp(30), upMwh: EnergyMwh.fromString('-0.1'), downMwh: EnergyMwh.zero(), upPriceEurPerMwh: PriceEurPerMwh.of(1), downPriceEurPerMwh: PriceEurPerMwh.of(1), basis: 'measured' as const };
    expect(() => priceAfrrEnergy([entry])).toThrow(expect.objectContaining({ code: 'SETTLEMENT_INPUT_INVALID' }));
  });
});

describe(priceDayAhead.name, () => {
  it('values the saving against the uncontrolled baseline per MTU', () => {
    const mtus = [
      // moved 0.2 MWh out of a 100 EUR/MWh MTU: (0.2 - 0) x 100 = 20
      { period: isp(1).range, boughtMwh: EnergyMwh.zero(), baselineMwh: EnergyMwh.fromString('0.2'), priceEurPerMwh: PriceEurPerMwh.of(100), basis: 'measured' as const },
      // into a -10 EUR/MWh MTU: (0 - 0.2) x -10 = 2
      { period: isp(10).range, boughtMwh: EnergyMwh.fromString('0.2'), baselineMwh: EnergyMwh.zero(), priceEurPerMwh: PriceEurPerMwh.of(-10), basis: 'estimated' as const },
    ];
    expect(amounts(priceDayAhead(mtus))).toEqual([
      ['day-ahead-saving', '20'],
      ['day-ahead-saving', '2'],
    ]);
    // baseline cost 0.2 x 100 = 20; bought cost 0.2 x -10 = -2; saving 20 - (-2) = 22
    const costs = dayAheadCosts(mtus);
    expect([costs.baselineCost.toString(), costs.boughtCost.toString()]).toEqual(['20', '-2']);
    expect(priceDayAhead(mtus)[1].basis).toBe('estimated');
  });
});

describe(priceIdcons.name, () => {
  const order = (overrides: Partial<IdconsOrderIsp> = {}): IdconsOrderIsp => ({
    isp: isp(40),
    side: 'sell',
    orderedMwh: EnergyMwh.fromString('0.1'),
    deliveredMwh: EnergyMwh.fromString('0.08'),
    orderPriceEurPerMwh: PriceEurPerMwh.of(80),
    counterOrderPriceEurPerMwh: PriceEurPerMwh.of(50),
    basis: 'measured',
    ...overrides,
  });

  it('splits our order price into the counterparty part and the spread the grid operator pays, and penalises the shortfall', () => {
    // counterparty 0.1 x 50 = 5; spread 0.1 x (80 - 50) = 3; penalty (0.1 - 0.08) x 80 x 1 = 1.6
    const lines = priceIdcons([order()]);
    expect(amounts(lines)).toEqual([
      ['idcons-counterparty', '5'],
      ['idcons-spread', '3'],
      ['idcons-penalty', '-1.6'],
    ]);
    expect(lines[2].assumptions).toEqual([IDCONS_PENALTY_ASSUMPTION]);
  });

  it('makes a buy order cost our price, of which the grid operator pays the spread', () => {
    // we buy 0.1 at 20 (pay 2); the counter sell outside gets 60: counterparty -6, spread +4 => -2
    const lines = priceIdcons([order({ side: 'buy', orderPriceEurPerMwh: PriceEurPerMwh.of(20), counterOrderPriceEurPerMwh: PriceEurPerMwh.of(60), deliveredMwh: EnergyMwh.fromString('0.1') })]);
    expect(amounts(lines)).toEqual([
      ['idcons-counterparty', '-6'],
      ['idcons-spread', '4'],
    ]);
  });

  it.each([
    [{ kind: 'none' as const }, undefined],
    [{ kind: 'per-mwh' as const, priceEurPerMwh: PriceEurPerMwh.of(150) }, '-3'], // 0.02 x 150
    [{ kind: 'order-price-multiple' as const, factor: new Decimal('1.5') }, '-2.4'], // 0.02 x 80 x 1.5
  ])('applies the configured penalty rule %p', (rule, penalty) => {
    const line = priceIdcons([order()], rule).find((l) => l.kind === 'idcons-penalty');
    expect(line?.amount.toString()).toBe(penalty);
  });
});

describe(settleFlexOrder.name, () => {
  const flexOrder = (delivered: [string, string]): FlexOrderDelivery => ({
    orderReference: 'order-1',
    price: Money.eur(new Decimal('40.0000')),
    isps: [
      { isp: isp(70), orderedFlexPowerW: PowerW.of(-200000), deliveredFlexPowerW: PowerW.fromString(delivered[0]) },
      { isp: isp(71), orderedFlexPowerW: PowerW.of(-200000), deliveredFlexPowerW: PowerW.fromString(delivered[1]) },
    ],
    basis: 'measured',
  });

  it('NetSettlement = Price - Penalty, pro rata to the deficient energy', () => {
    // ordered 2 x 200 kW x 0.25 h = 0.1 MWh; ISP 71 delivered 100 of 200 kW: deficiency 0.025 MWh
    // penalty 40 x 0.025 / 0.1 = 10; net 30; over-delivery in ISP 70 earns nothing extra
    const settled = settleFlexOrder(flexOrder(['-250000', '-100000']));
    expect([settled.price, settled.penalty, settled.netSettlement].map(String)).toEqual(['40', '10', '30']);
    expect([settled.orderedMwh.toString(), settled.deficientMwh.toString()]).toEqual(['0.1', '0.025']);
    expect(amounts(priceFlexOrders([flexOrder(['-250000', '-100000'])]))).toEqual([
      ['uftp-price', '40'],
      ['uftp-penalty', '-10'],
    ]);
  });

  it('counts delivery in the wrong direction as deficient and applies a per-MWh rule', () => {
    // ISP 70: +50 kW instead of -200 kW => deficiency 250 kW x 0.25 h = 0.0625 MWh; x 100 = 6.25
    const settled = settleFlexOrder(flexOrder(['50000', '-200000']), { kind: 'per-mwh', priceEurPerMwh: PriceEurPerMwh.of(100) });
    expect(settled.penalty.toString()).toBe('6.25');
  });
});

describe(priceImbalanceAdjustment.name, () => {
  const entry = { isp: isp(30), transferredMwh: EnergyMwh.fromString('0.15'), dayAheadPriceEurPerMwh: PriceEurPerMwh.of(90), basis: 'measured' as const };

  it('charges the aggregator the transferred energy at the configured price', () => {
    // fixed: -(0.15 x 70) = -10.5; day-ahead: -(0.15 x 90) = -13.5; downward -0.1 at 90: +9
    expect(amounts(priceImbalanceAdjustment([entry], { kind: 'fixed', priceEurPerMwh: PriceEurPerMwh.of(70) }))).toEqual([['imbalance-transfer', '-10.5']]);
    expect(amounts(priceImbalanceAdjustment([entry, { ...entry, transferredMwh: EnergyMwh.fromString('-0.1') }], { kind: 'day-ahead' }))).toEqual([
      ['imbalance-transfer', '-13.5'],
      ['imbalance-transfer', '9'],
    ]);
  });

  it('refuses to guess a missing price', () => {
    expect(() => priceImbalanceAdjustment([entry], { kind: 'imbalance' })).toThrow(expect.objectContaining({ code: 'SETTLEMENT_PRICE_MISSING' }));
  });
});
