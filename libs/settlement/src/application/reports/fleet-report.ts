import type { SettlementBasis } from '../../domain/settlement-vocabulary';

/**
 * A fleet owner's settlement report for a delivery day or a (local) month (issue 7 item 5).
 * Money is what the ledger holds, summed over every statement version (the effective amount);
 * energy comes from the meter stage. Decimal strings throughout: money to the cent, kWh to 6
 * decimals.
 */
export interface FleetReport {
  readonly fleetId: string;
  readonly fleetName: string;
  readonly period: { readonly kind: 'day' | 'month'; readonly label: string; readonly start: string; readonly end: string };
  readonly statements: readonly { readonly portfolioId: string; readonly periodStart: string; readonly versions: number }[];
  readonly energy: { readonly chargedKwh: string; readonly dischargedKwh: string; readonly basis: SettlementBasis };
  /** Flexibility delivered per market: the energy moved against the recorded baseline. */
  readonly flexibilityByMarket: readonly { readonly market: string; readonly deliveredKwh: string }[];
  readonly revenueByMarket: readonly { readonly market: string; readonly amountEur: string }[];
  readonly revenueTotalEur: string;
  /** Each stakeholder's share (allocation lines), and the country charges the fleet owner bears. */
  readonly shares: readonly { readonly role: string; readonly partyRef: string; readonly kind: string; readonly amountEur: string }[];
  readonly charges: readonly { readonly kind: string; readonly amountEur: string }[];
  /** Per ISP: flexibility requested by the plan (null without one) and delivered (baseline minus bought). */
  readonly isps: readonly { readonly ispStart: string; readonly requestedKwh: string | null; readonly deliveredKwh: string }[];
  readonly vehicles: readonly { readonly vehicleId: string | null; readonly sessions: number; readonly chargedKwh: string; readonly dischargedKwh: string }[];
  readonly sessions: readonly FleetReportSession[];
  readonly mobility: { readonly sessions: number; readonly needsMet: number; readonly leftEarly: number };
  /** Every ASSUMED or UNVERIFIED label the report's money rests on. */
  readonly assumptions: readonly string[];
}

export interface FleetReportSession {
  readonly sessionId: string;
  readonly vehicleId: string | null;
  readonly arrival: string;
  readonly departure: string | null;
  readonly chargedKwh: string;
  readonly dischargedKwh: string;
  readonly shiftedKwh: string;
  readonly pluggedInHours: string;
  readonly basis: SettlementBasis;
  /** Delivered at least the stated energy need (null: no need stated). */
  readonly needMet: boolean | null;
  /** Left before the departure it announced. */
  readonly leftEarly: boolean;
}
