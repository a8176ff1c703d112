import { Block, Decimal, DeliveryDay, EnergyKwh, EnergyMwh, Isp, PowerMw, PriceEurPerMwh, PriceEurPerMwPerHour } from '@vpp/units';
import type { SessionUsage } from '../contract/session-usage';
import type { ContractTerm, SettlementContract } from '../contract/settlement-contract';
import type { CountryRules } from '../country/country-rules';
import { SEEDED_COUNTRY_RULES } from '../country/country-rules.data';
import { countryRulesAt } from '../country/country-rules';
import type { MarketDeliveries } from '../pricing/price-markets';
import type { StatementInputs } from '../statement/statement-inputs';

// Builders for the settlement tests: one small NL portfolio on delivery day 2026-06-01 (CEST,
// 96 ISPs), trading all four markets. The hand-computed figures live in the specs.

export const DAY = DeliveryDay.of('2026-06-01');
export const PORTFOLIO_ID = '6b1f6f3e-2d7a-4c59-9a36-1f1c7c0e0001';
export const FLEET_ID = '6b1f6f3e-2d7a-4c59-9a36-1f1c7c0e0002';
export const AGGREGATOR = 'aggregator-org';
export const FLEET_OWNER = 'fleet-owner-org';
export const CPO = 'cpo-org';

const d = (text: string): Decimal => new Decimal(text);
export const isp = (n: number): Isp => DAY.ispAt(n);

export function nlRules(overrides: Partial<CountryRules> = {}): CountryRules {
  return { ...countryRulesAt(SEEDED_COUNTRY_RULES, 'NL', DAY.start), ...overrides };
}

export function aContract(overrides: Partial<SettlementContract> = {}, terms?: ContractTerm[]): SettlementContract {
  return {
    id: 'contract-1',
    fleetId: FLEET_ID,
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validTo: null,
    aggregatorRef: AGGREGATOR,
    vehicleOwnerRef: FLEET_OWNER,
    terms: terms ?? [
      { kind: 'battery-wear', payee: { role: 'fleet-owner', partyRef: FLEET_OWNER }, rate: d('0.05') },
      { kind: 'cpo-fee-per-session', payee: { role: 'cpo', partyRef: CPO }, rate: d('0.50') },
      { kind: 'fixed-fee-per-month', payee: { role: 'aggregator', partyRef: AGGREGATOR }, rate: d('30') },
      { kind: 'driver-reward-per-plugged-hour', payee: null, rate: d('0.10') },
      { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: AGGREGATOR }, rate: d('40') },
      { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: FLEET_OWNER }, rate: d('60') },
    ],
    ...overrides,
  };
}

export function aSession(overrides: Partial<SessionUsage> = {}): SessionUsage {
  return {
    sessionId: 's1',
    driverRef: 'driver-1',
    pluggedInHours: d('10'),
    chargedKwh: EnergyKwh.of(40),
    dischargedKwh: EnergyKwh.of(10),
    shiftedKwh: EnergyKwh.of(15),
    basis: 'measured',
    ...overrides,
  };
}

export const SESSIONS: readonly SessionUsage[] = [
  aSession(),
  aSession({ sessionId: 's2', driverRef: 'driver-2', pluggedInHours: d('5'), chargedKwh: EnergyKwh.of(20), dischargedKwh: EnergyKwh.zero(), shiftedKwh: EnergyKwh.of(4) }),
];

/** FCR block 0 at 1 MW: 12 ISPs fully available, 4 at half. */
export function fcrBlock(): NonNullable<MarketDeliveries['fcr']>[number] {
  const available = [...Array<PowerMw>(12).fill(PowerMw.of(1)), ...Array<PowerMw>(4).fill(PowerMw.fromString('0.5'))];
  return {
    period: Block.of(DAY, 0).range,
    awardedMw: PowerMw.of(1),
    priceEurPerMwPerHour: PriceEurPerMwPerHour.fromString('12.50'),
    availableMwPerIsp: available,
    basis: 'measured',
  };
}

/** The four markets of the small portfolio (see statement.spec.ts for the arithmetic). */
export function fourMarkets(afrrUpMwh = '0.25'): MarketDeliveries {
  return {
    fcr: [fcrBlock()],
    afrrCapacity: [
      {
        direction: 'up',
        period: Block.of(DAY, 1).range,
        awardedMw: PowerMw.of(1),
        priceEurPerMwPerHour: PriceEurPerMwPerHour.fromString('8.20'),
        availableMwPerIsp: Array<PowerMw>(16).fill(PowerMw.of(2)),
        basis: 'measured',
      },
    ],
    afrrEnergy: [
      {
        isp: isp(30),
        upMwh: EnergyMwh.fromString(afrrUpMwh),
        downMwh: EnergyMwh.fromString('0.1'),
        upPriceEurPerMwh: PriceEurPerMwh.fromString('120.51'),
        downPriceEurPerMwh: PriceEurPerMwh.fromString('45.10'),
        basis: 'measured',
      },
    ],
    dayAhead: [
      { period: isp(1).range, boughtMwh: EnergyMwh.zero(), baselineMwh: EnergyMwh.fromString('0.2'), priceEurPerMwh: PriceEurPerMwh.of(100), basis: 'measured' },
      { period: isp(10).range, boughtMwh: EnergyMwh.fromString('0.2'), baselineMwh: EnergyMwh.zero(), priceEurPerMwh: PriceEurPerMwh.of(-10), basis: 'measured' },
    ],
    idcons: {
      orders: [
        {
          isp: isp(40),
          side: 'sell',
          orderedMwh: EnergyMwh.fromString('0.1'),
          deliveredMwh: EnergyMwh.fromString('0.08'),
          orderPriceEurPerMwh: PriceEurPerMwh.of(80),
          counterOrderPriceEurPerMwh: PriceEurPerMwh.of(50),
          basis: 'measured',
        },
      ],
    },
  };
}

export function statementInputs(overrides: Partial<StatementInputs> = {}): StatementInputs {
  return {
    portfolioId: PORTFOLIO_ID,
    fleetId: FLEET_ID,
    period: DAY.range,
    deliveries: fourMarkets(),
    contract: aContract(),
    countryRules: nlRules(),
    sessions: SESSIONS,
    monthsInPeriod: new Decimal(1).dividedBy(30),
    ...overrides,
  };
}
