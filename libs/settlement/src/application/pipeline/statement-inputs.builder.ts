import { Decimal, DeliveryDay, EnergyKwh, Isp, PriceEurPerMwh } from '@vpp/units';
import type { SessionUsage } from '../../domain/contract/session-usage';
import type { SettlementContract } from '../../domain/contract/settlement-contract';
import type { CountryRules, SettlementCountry } from '../../domain/country/country-rules';
import { SETTLEMENT_COUNTRIES } from '../../domain/country/country-rules';
import type { BalancingDeliveries } from '../../domain/delivery/fleet-market-deliveries';
import type { DayAheadMtu } from '../../domain/pricing/day-ahead-pricing';
import { SettlementError } from '../../domain/settlement.errors';
import type { SettlementBasis } from '../../domain/settlement-vocabulary';
import type { StatementInputs } from '../../domain/statement/statement-inputs';

/** One fleet's aggregated meter data in one ISP (a `settlement_meter_isp` row). */
export interface FleetIspMeter {
  readonly ispStart: Date;
  readonly chargedKwh: Decimal;
  readonly dischargedKwh: Decimal;
  readonly baselineKwh: Decimal;
  readonly basis: SettlementBasis;
}

/** One session's totals in the settled period (a `settlement_meter_sessions` row). */
export interface SessionMeter {
  readonly sessionId: string;
  readonly chargedKwh: Decimal;
  readonly dischargedKwh: Decimal;
  readonly shiftedKwh: Decimal;
  readonly pluggedInHours: Decimal;
  readonly basis: SettlementBasis;
}

export type DayAheadDeliveries = { readonly kind: 'priced'; readonly mtus: DayAheadMtu[] } | { readonly kind: 'price-missing'; readonly isps: Isp[] };

/**
 * The day-ahead deliveries of a fleet: per ISP the energy bought (charged minus discharged) against
 * the recorded baseline, at the ISP's price. An ISP with energy but no price makes the whole
 * result `price-missing`: the statement waits, it never prices at zero.
 */
export function dayAheadDeliveries(isps: readonly FleetIspMeter[], prices: ReadonlyMap<number, Decimal>): DayAheadDeliveries {
  const mtus: DayAheadMtu[] = [];
  const missing: Isp[] = [];
  for (const isp of isps) {
    const bought = isp.chargedKwh.minus(isp.dischargedKwh);
    if (bought.isZero() && isp.baselineKwh.isZero()) continue;
    const price = prices.get(isp.ispStart.getTime());
    if (price === undefined) {
      missing.push(Isp.startingAt(isp.ispStart));
      continue;
    }
    mtus.push({
      period: Isp.startingAt(isp.ispStart).range,
      boughtMwh: EnergyKwh.of(bought).toMwh(),
      baselineMwh: EnergyKwh.of(isp.baselineKwh).toMwh(),
      priceEurPerMwh: PriceEurPerMwh.of(price),
      basis: isp.basis,
    });
  }
  return missing.length > 0 ? { kind: 'price-missing', isps: missing } : { kind: 'priced', mtus };
}

/** Sessions as the allocation needs them. No driver reference is known to settlement yet, so no driver rewards. */
export function sessionUsages(sessions: readonly SessionMeter[]): SessionUsage[] {
  return sessions.map((s) => ({
    sessionId: s.sessionId,
    driverRef: null,
    pluggedInHours: s.pluggedInHours,
    chargedKwh: EnergyKwh.of(s.chargedKwh),
    dischargedKwh: EnergyKwh.of(s.dischargedKwh),
    shiftedKwh: EnergyKwh.of(s.shiftedKwh),
    basis: s.basis,
  }));
}

/** The country whose rules apply to a portfolio: that of its bidding zone (`NL`, `DE-LU` -> DE, `NO1` -> NO). */
export function countryOfBiddingZone(biddingZone: string): SettlementCountry {
  const country = SETTLEMENT_COUNTRIES.find((c) => c === biddingZone.slice(0, 2));
  if (!country) throw new SettlementError('SETTLEMENT_COUNTRY_RULES_NOT_FOUND', `no country rules for bidding zone ${biddingZone}`);
  return country;
}

/** A delivery day's share of its month, for monthly fees: 1 / days in the (local) month. */
export function monthsInDay(day: DeliveryDay): Decimal {
  const [year, month] = day.isoDate.split('-').map((part) => Number.parseInt(part, 10));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Decimal(1).div(daysInMonth);
}

export function dayStatementInputs(args: {
  portfolioId: string;
  fleetId: string;
  day: DeliveryDay;
  mtus: readonly DayAheadMtu[];
  sessions: readonly SessionMeter[];
  contract: SettlementContract;
  countryRules: CountryRules;
  /** FCR, aFRR, IDCONS and the imbalance adjustment (`fleetMarketDeliveries`); absent = day-ahead only. */
  balancing?: BalancingDeliveries;
}): StatementInputs {
  return {
    portfolioId: args.portfolioId,
    fleetId: args.fleetId,
    period: args.day.range,
    // Spread first: a day-ahead-only statement keeps the inputs (and hash) it had before the other markets joined.
    deliveries: { ...(args.balancing ?? {}), dayAhead: args.mtus },
    contract: args.contract,
    countryRules: args.countryRules,
    sessions: sessionUsages(args.sessions),
    monthsInPeriod: monthsInDay(args.day),
  };
}
