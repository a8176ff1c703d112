import { Isp } from '@vpp/units';

export const ISP_MS = 15 * 60_000;

/** Day-ahead prices per ISP from `startMs` on (EUR/MWh), the evaluation's one price source. */
export interface PriceTimeline {
  /** Start of the first ISP (aligned to a quarter hour, UTC). */
  readonly startMs: number;
  readonly eurPerMwh: Float64Array;
}

export class RollingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollingInputError';
  }
}

export function checkTimeline(prices: PriceTimeline): void {
  if (prices.startMs % ISP_MS !== 0) throw new RollingInputError('price timeline must start on an ISP boundary');
  for (let g = 0; g < prices.eurPerMwh.length; g += 1) {
    if (!Number.isFinite(prices.eurPerMwh[g])) throw new RollingInputError(`price of ISP ${new Date(prices.startMs + g * ISP_MS).toISOString()} is not finite`);
  }
}

export function timelineEndMs(prices: PriceTimeline): number {
  return prices.startMs + prices.eurPerMwh.length * ISP_MS;
}

/** ISPs [fromG, toG) of the timeline. */
export function timelineIsps(prices: PriceTimeline, fromG: number, toG: number): Isp[] {
  const isps: Isp[] = [];
  for (let g = fromG; g < toG; g += 1) isps.push(Isp.startingAt(new Date(prices.startMs + g * ISP_MS)));
  return isps;
}

/** kWh spread evenly over [fromMs, toMs), costed ISP by ISP, EUR. */
export function costOfSpreadKwh(prices: PriceTimeline, fromMs: number, toMs: number, kwh: number): number {
  if (kwh <= 0 || toMs <= fromMs) return 0;
  let eur = 0;
  for (let g = Math.floor((fromMs - prices.startMs) / ISP_MS); prices.startMs + g * ISP_MS < toMs; g += 1) {
    const a = Math.max(fromMs, prices.startMs + g * ISP_MS);
    const b = Math.min(toMs, prices.startMs + (g + 1) * ISP_MS);
    eur += (kwh * ((b - a) / (toMs - fromMs)) * priceAt(prices, g)) / 1000;
  }
  return eur;
}

export function priceAt(prices: PriceTimeline, g: number): number {
  if (g < 0 || g >= prices.eurPerMwh.length) throw new RollingInputError(`no price for ISP ${new Date(prices.startMs + g * ISP_MS).toISOString()}`);
  return prices.eurPerMwh[g];
}

/** Highest price over [fromMs, toMs): what energy a plan failed to deliver is valued at. */
export function highestPrice(prices: PriceTimeline, fromMs: number, toMs: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let g = Math.floor((fromMs - prices.startMs) / ISP_MS); prices.startMs + g * ISP_MS < toMs; g += 1) max = Math.max(max, priceAt(prices, g));
  return max;
}
