import { Decimal, TimeRange } from '@vpp/units';
import type { SessionUsage } from '../contract/session-usage';
import type { SettlementContract } from '../contract/settlement-contract';
import type { CountryRules } from '../country/country-rules';
import type { MarketDeliveries } from '../pricing/price-markets';

/**
 * Everything one statement is computed from: a fleet's share of its portfolio's market
 * deliveries in the period, its contract, its country's rules and its sessions. The same inputs
 * always give the same statement and the same inputs hash.
 */
export interface StatementInputs {
  readonly portfolioId: string;
  readonly fleetId: string;
  readonly period: TimeRange;
  readonly deliveries: MarketDeliveries;
  readonly contract: SettlementContract;
  readonly countryRules: CountryRules;
  readonly sessions: readonly SessionUsage[];
  /** Months the period covers, for monthly fees: 1 for a month, 1/days-in-month for a day. */
  readonly monthsInPeriod: Decimal;
}
