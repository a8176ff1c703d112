import { Decimal, EnergyKwh } from '@vpp/units';
import type { SettlementBasis } from '../settlement-vocabulary';

/** What one session of the fleet did in the settled period: the base of fees and rewards. */
export interface SessionUsage {
  readonly sessionId: string;
  /** Pseudonymous driver reference; sessions without one earn no driver reward. */
  readonly driverRef: string | null;
  readonly pluggedInHours: Decimal;
  readonly chargedKwh: EnergyKwh;
  readonly dischargedKwh: EnergyKwh;
  /** Energy moved in time against the session's baseline (half the sum of |controlled - baseline| per ISP). */
  readonly shiftedKwh: EnergyKwh;
  readonly basis: SettlementBasis;
}

export interface UsageTotals {
  readonly sessions: number;
  readonly chargedKwh: EnergyKwh;
  readonly dischargedKwh: EnergyKwh;
}

export function usageTotals(sessions: readonly SessionUsage[]): UsageTotals {
  return {
    sessions: sessions.length,
    chargedKwh: sessions.reduce((sum, s) => sum.add(s.chargedKwh), EnergyKwh.zero()),
    dischargedKwh: sessions.reduce((sum, s) => sum.add(s.dischargedKwh), EnergyKwh.zero()),
  };
}
