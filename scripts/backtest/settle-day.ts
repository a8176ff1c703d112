import { uncontrolledCharging } from '@vpp/flexibility/domain/uncontrolled-charging';
import { perfectForesight, type PriceTimeline } from '@vpp/optimizer';
import { highestPrice } from '@vpp/optimizer/rolling/price-timeline';
import { dayAheadCosts, type DayAheadMtu } from '@vpp/settlement/domain/pricing/day-ahead-pricing';
import { priceMarkets } from '@vpp/settlement/domain/pricing/price-markets';
import { sumOfLines } from '@vpp/settlement/domain/pricing/priced-line';
import { Decimal, DeliveryDay, EnergyKwh, Isp, Money, PowerKw, TimeRange } from '@vpp/units';
import type { DayRun } from './day-run';
import type { PriceBook } from './inputs';
import type { DayKpis } from './kpis';

const ISP_MS = 15 * 60_000;

/** A float kWh from the simulation as a settled quantity: to the mWh, once. */
const kwhOf = (kwh: number): EnergyKwh => EnergyKwh.of(new Decimal(Math.max(0, kwh).toFixed(6)));
const eurOf = (amount: number): Money => Money.of(new Decimal(amount.toFixed(6)), 'EUR');

/**
 * Settlement of one backtest day with the settlement domain's own pricing: per day-ahead MTU the
 * energy the dispatched sessions drew against what they would have drawn uncontrolled
 * (`priceMarkets` / `priceDayAhead`: the day-ahead saving line, `dayAheadCosts`: both costs), over
 * the sessions' whole dwell (energy past midnight at the next day's prices, for all three costs
 * alike). Energy the dispatch failed to deliver is valued at the highest price of the session's
 * dwell (bench/value's rule: no credit for not delivering). Perfect foresight: the exact LP knowing
 * every actual session and price (libs/optimizer perfectForesight).
 */
export async function settleDay(day: DeliveryDay, run: DayRun, prices: PriceBook, timeline: PriceTimeline, startedMs: number): Promise<DayKpis> {
  const startMs = day.start.getTime();
  const ispCount = run.drawnKwh.length;
  // Uncontrolled: max power from arrival until the need is in (libs/flexibility uncontrolledCharging, exact).
  const baseline = Array.from({ length: ispCount }, () => EnergyKwh.zero());
  for (const r of run.sessions) {
    const s = r.session;
    const profile = uncontrolledCharging({ arrival: new Date(s.arrivalMs), departure: new Date(s.departureMs), energyNeed: kwhOf(s.energyKwh), maxPower: PowerKw.of(new Decimal(s.maxPowerKw.toFixed(6))) });
    for (const { isp, energy } of profile.perIsp) baseline[(isp.start.getTime() - startMs) / ISP_MS] = baseline[(isp.start.getTime() - startMs) / ISP_MS].add(energy);
  }
  const drawn = Array.from(run.drawnKwh, kwhOf);

  // Day-ahead MTUs: hourly before the 15-minute MTU, else the ISP (the price series' resolution).
  const mtuIsps = prices.resolutionMinutes / 15;
  const mtus: DayAheadMtu[] = [];
  for (let g = 0; g < ispCount; g += mtuIsps) {
    const first = Isp.startingAt(new Date(startMs + g * ISP_MS));
    let bought = EnergyKwh.zero();
    let base = EnergyKwh.zero();
    for (let k = g; k < Math.min(g + mtuIsps, ispCount); k += 1) {
      bought = bought.add(drawn[k]);
      base = base.add(baseline[k]);
    }
    mtus.push({ period: TimeRange.of(first.start, new Date(startMs + Math.min(g + mtuIsps, ispCount) * ISP_MS)), boughtMwh: bought.toMwh(), baselineMwh: base.toMwh(), priceEurPerMwh: prices.priceOf(first), basis: 'estimated' });
  }
  const dayAheadRevenue = sumOfLines(priceMarkets({ dayAhead: mtus }));
  const costs = dayAheadCosts(mtus);

  let undeliveredKwh = 0;
  let undeliveredEur = 0;
  for (const r of run.sessions) {
    const missed = r.deliverableKwh - r.deliveredKwh;
    if (missed <= 0) continue;
    undeliveredKwh += missed;
    undeliveredEur += (missed * highestPrice(timeline, r.session.arrivalMs, r.session.departureMs)) / 1000;
  }
  const foresight = await perfectForesight(run.sessions.map((r) => r.session), timeline);

  let position = EnergyKwh.zero();
  let drawnInDay = EnergyKwh.zero();
  let imbalance = EnergyKwh.zero();
  run.positionKw.forEach((kw, k) => {
    const planned = kwhOf(kw / 4);
    position = position.add(planned);
    drawnInDay = drawnInDay.add(drawn[k]);
    imbalance = imbalance.add(drawn[k].subtract(planned).abs());
  });
  return {
    date: day.isoDate,
    isps: day.ispCount,
    sessions: run.sessions.length,
    sessionsFeasible: run.sessions.filter((r) => r.feasible).length,
    sessionsNeedMet: run.sessions.filter((r) => r.feasible && r.needMet).length,
    sessionsLeftEarly: run.sessions.filter((r) => r.leftEarly).length,
    sessionsPromised: run.sessions.filter((r) => r.feasible && !r.leftEarly).length,
    sessionsPromisedNeedMet: run.sessions.filter((r) => r.feasible && !r.leftEarly && r.needMet).length,
    energyKwh: drawn.reduce((sum, e) => sum.add(e), EnergyKwh.zero()),
    undeliveredKwh: kwhOf(undeliveredKwh),
    uncontrolledCost: costs.baselineCost,
    optimisedCost: costs.boughtCost.add(eurOf(undeliveredEur)),
    perfectForesightCost: eurOf(foresight.costEur),
    revenue: { 'day-ahead': dayAheadRevenue, fcr: null, afrr: null },
    positionMwh: position.toMwh(),
    drawnInDayMwh: drawnInDay.toMwh(),
    imbalanceMwh: imbalance.toMwh(),
    replans: run.replans,
    wallMs: performance.now() - startedMs,
  };
}
