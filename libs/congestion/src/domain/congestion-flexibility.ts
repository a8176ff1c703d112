/**
 * Flexibility behind one congestion point for one delivery day, per ISP (index 0 = ISP 1): how
 * many kW the portfolio there could move down (consume less) and up (consume more) relative to
 * what it would do anyway. Float64: this is planning input, not a settled quantity.
 */
export interface CongestionFlexibility {
  readonly congestionPoint: string;
  readonly period: string;
  readonly downKw: Float64Array;
  readonly upKw: Float64Array;
  /** How the figures were made, for the offer's record (e.g. `sessions-max-power-v1`). */
  readonly method: string;
  readonly sessionCount: number;
  /**
   * Per congestion portfolio (`portfolio_sites` market `congestion`): its share of `downKw` /
   * `upKw`, already capped by its ledger headroom. Offers reserve in these portfolios' ledgers.
   * Absent for the simple rule, which has no portfolio to hold the kW in.
   */
  readonly portfolios?: readonly PortfolioFlexibility[];
  /** What the figures assumed or fell back to, stored in the offer's inputs. */
  readonly notes?: readonly string[];
}

/** One portfolio's part of the flexibility behind a point (index 0 = ISP 1), kW. */
export interface PortfolioFlexibility {
  readonly portfolioId: string;
  /** Consume less (ledger `up`). */
  readonly downKw: Float64Array;
  /** Consume more (ledger `down`). */
  readonly upKw: Float64Array;
  /** The plan run the schedules came from; null when the portfolio had no stored plan for the day. */
  readonly planRunId: string | null;
  readonly method: string;
}

/** The seam to the portfolio: the plan- and ledger-backed provider is the default, the simple rule its fallback. */
export interface CongestionFlexibilityProvider {
  /**
   * `now`: when the request is answered; what lies before it can no longer change (absent: the plan's own known_at).
   * `ispNumbers`: the ISPs of `period` (1 = first) the request asks for together; the flexibility
   * there is then deliverable in all of them at once (absent: each ISP's figure holds for it alone).
   */
  flexibilityAt(congestionPoint: string, period: string, now?: Date, ispNumbers?: readonly number[]): Promise<CongestionFlexibility>;
}

export const CONGESTION_FLEXIBILITY_PROVIDER = Symbol('CongestionFlexibilityProvider');

export interface SessionWindow {
  readonly arrival: Date;
  /** Departure, actual or expected. */
  readonly departure: Date;
  readonly maxPowerKw: number;
  /** kWh still to charge from arrival; null = unknown (treated as charging the whole stay). */
  readonly energyNeedKwh: number | null;
}

/**
 * The first, simple rule (method `sessions-max-power-v1`): each session plugged in during an ISP
 * would, uncontrolled, charge at its max power from arrival until its need is met (ARCHITECTURE.md
 * baseline). While it would charge, it can stop: that is `down` flex; while plugged in but done
 * (or before, when we would move charging later), it could draw up to max power: that is `up`.
 * Powers are ISP averages (scaled by the plugged-in fraction). No fuse or site limit, no SoC: the
 * optimiser (issue 4) replaces this.
 */
export function flexibilityFromSessions(sessions: readonly SessionWindow[], ispStartsMs: readonly number[], ispMs: number): { downKw: Float64Array; upKw: Float64Array } {
  const downKw = new Float64Array(ispStartsMs.length);
  const upKw = new Float64Array(ispStartsMs.length);
  for (const session of sessions) {
    const arrival = session.arrival.getTime();
    const departure = session.departure.getTime();
    if (!(departure > arrival) || !(session.maxPowerKw > 0)) continue;
    const chargeHours = session.energyNeedKwh === null ? Infinity : session.energyNeedKwh / session.maxPowerKw;
    const chargeEnd = Math.min(departure, arrival + chargeHours * 3_600_000);
    for (let i = 0; i < ispStartsMs.length; i += 1) {
      const start = ispStartsMs[i];
      const end = start + ispMs;
      const present = Math.max(0, Math.min(end, departure) - Math.max(start, arrival));
      if (present === 0) continue;
      const charging = Math.max(0, Math.min(end, chargeEnd) - Math.max(start, arrival));
      downKw[i] += (session.maxPowerKw * charging) / ispMs;
      upKw[i] += (session.maxPowerKw * (present - charging)) / ispMs;
    }
  }
  return { downKw, upKw };
}
