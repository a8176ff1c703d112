import { join, relative } from 'node:path';
import type { DeliveryDay } from '@vpp/units';
import { readClearedBuckets, type ClearedBucket } from '../../apps/simulator/src/exchange/gopacs-buckets.reader';
import { readAfrrMarginalPrices, type AfrrMarginalPrice } from '../../apps/simulator/src/tso-market/afrr-capacity-auction.reader';
import type { AfrrEnergyActivationPrice } from '../../apps/simulator/src/tso-market/energy-clearing';
import { dayImbalancePrices } from './settlement-stage';

export interface DayMarketData {
  readonly afrrPrices: AfrrMarginalPrice[];
  readonly gopacsBuckets: ClearedBucket[];
  /** The NL imbalance price per ISP standing in for the aFRR energy activation price (the simulated TSO clears energy bids against it). */
  readonly afrrEnergyPrices: AfrrEnergyActivationPrice[];
  readonly derivedAfrrEnergy: string | null;
  /** What had to be derived, for `derived_inputs` when the product that uses it trades on the day. */
  readonly derivedAfrr: string | null;
  readonly derivedGopacs: string | null;
}

/** The nearest same-weekday day (the day itself first) for which `has` holds; whole weeks only, so weekday and local midnight stay aligned. */
function nearestSameWeekday(day: DeliveryDay, has: (d: DeliveryDay) => boolean, maxWeeks = 53 * 8): DeliveryDay | null {
  if (has(day)) return day;
  for (let week = 1; week <= maxWeeks; week += 1) {
    for (const sign of [-1, 1]) {
      const candidate = day.plusDays(sign * 7 * week);
      if (has(candidate)) return candidate;
    }
  }
  return null;
}

const shift = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);

/**
 * The TSO's DE aFRR capacity marginal prices and GOPACS's cleared buckets for the day; when the
 * files hold none for it, those of the nearest same weekday that has them, moved onto the day
 * (from the start of that day; on a DST day the 4-hour blocks keep their UTC length).
 */
export function dayMarketData(dataDir: string, day: DeliveryDay, imbalancePath: string | null = null): DayMarketData {
  let derivedAfrr: string | null = null;
  let derivedGopacs: string | null = null;
  const allPrices = readAfrrMarginalPrices(join(dataDir, 'afrr-capacity-auction-de-2021-2023.csv'));
  const pricesOn = (d: DeliveryDay): AfrrMarginalPrice[] => allPrices.filter((p) => d.contains(p.blockStart));
  const priceDay = nearestSameWeekday(day, (d) => pricesOn(d).length > 0);
  let afrrPrices: AfrrMarginalPrice[] = [];
  if (priceDay !== null) {
    const ms = day.start.getTime() - priceDay.start.getTime();
    afrrPrices = pricesOn(priceDay).map((p) => ({ ...p, blockStart: shift(p.blockStart, ms), blockEnd: shift(p.blockEnd, ms) }));
    derivedAfrr =
      priceDay.isoDate === day.isoDate
        ? `aFRR capacity marginal prices DERIVED: DE auction data of ${day.isoDate} used for NL (no NL data)`
        : `aFRR capacity marginal prices DERIVED: DE auction data used for NL (no NL data), of ${priceDay.isoDate} (same weekday, nearest covered week) moved onto ${day.isoDate}`;
  }
  const allBuckets = readClearedBuckets(join(dataDir, 'gopacs-cleared-buckets-nl-2018-2023.csv'));
  const bucketsOn = (d: DeliveryDay): ClearedBucket[] => allBuckets.filter((b) => d.contains(b.ptuStart));
  const bucketDay = nearestSameWeekday(day, (d) => bucketsOn(d).length > 0);
  let gopacsBuckets: ClearedBucket[] = [];
  if (bucketDay !== null) {
    const ms = day.start.getTime() - bucketDay.start.getTime();
    gopacsBuckets = bucketsOn(bucketDay).map((b) => ({ ...b, ptuStart: shift(b.ptuStart, ms) })).filter((b) => day.contains(b.ptuStart));
    if (bucketDay.isoDate !== day.isoDate) derivedGopacs = `GOPACS congestion event DERIVED: no cleared bucket on ${day.isoDate}; the buckets of ${bucketDay.isoDate} (same weekday, nearest day with one) moved onto it`;
  }
  // aFRR energy: the same stand-in series settlement stores (settlement-stage.ts, settlement_prices afrr-energy-up/-down).
  const imbalanceFile = imbalancePath ?? join(dataDir, 'imbalance-prices-nl-2023-15min.csv');
  const imbalance = dayImbalancePrices(imbalanceFile, day);
  const source = `${relative(process.cwd(), imbalanceFile)}${imbalance?.from ? ` of ${imbalance.from.isoDate} moved onto ${day.isoDate}` : ''}`;
  const afrrEnergyPrices = (imbalance?.rows ?? []).map((row) => ({ ispStart: row.ispStart, upEurPerMwh: row.short, downEurPerMwh: row.long, source }));
  const derivedAfrrEnergy =
    imbalance === null
      ? null
      : `aFRR energy activation price DERIVED: the simulated TSO activates aFRR energy bids pay-as-cleared against the NL imbalance price of the ISP (up = short, down = long price; no public aFRR energy prices or activations), from ${source}; each award row is labelled so`;
  return { afrrPrices, gopacsBuckets, afrrEnergyPrices, derivedAfrr, derivedGopacs, derivedAfrrEnergy };
}
