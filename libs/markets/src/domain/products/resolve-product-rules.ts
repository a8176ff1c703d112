import type { Market, MarketProductRules } from './market-product';
import { MarketsError } from './markets.errors';

/** True when `instant` lies in the version's validity [from, to). */
export function isValidAt(rules: MarketProductRules, instant: Date): boolean {
  const ms = instant.getTime();
  return rules.validity.from.getTime() <= ms && (rules.validity.to === null || ms < rules.validity.to.getTime());
}

/**
 * The version of a product's rules that applies to a delivery period, chosen by the period's start
 * (effective dating: SDAC delivery day 2025-10-01 starts at 2025-09-30T22:00Z and gets the
 * 15-minute MTU; the day before gets the hourly one).
 *
 * @throws MarketsError `MARKET_PRODUCT_NOT_FOUND` when no version covers the period,
 *   `MARKET_PRODUCT_AMBIGUOUS` when versions overlap (bad data, never guessed).
 */
export function resolveProductRules(
  versions: readonly MarketProductRules[],
  market: Market,
  productCode: string,
  periodStart: Date,
): MarketProductRules {
  const matches = versions.filter((v) => v.market === market && v.productCode === productCode && isValidAt(v, periodStart));
  if (matches.length === 0) {
    throw new MarketsError('MARKET_PRODUCT_NOT_FOUND', `no ${market}/${productCode} rules valid for a period starting ${periodStart.toISOString()}`);
  }
  if (matches.length > 1) {
    throw new MarketsError(
      'MARKET_PRODUCT_AMBIGUOUS',
      `${matches.length} versions of ${market}/${productCode} overlap at ${periodStart.toISOString()}: ${matches.map((m) => m.id).join(', ')}`,
    );
  }
  return matches[0];
}

/** Every product (market, code) that has any version, in a stable order. */
export function productKeys(versions: readonly MarketProductRules[]): { market: Market; productCode: string }[] {
  const seen = new Map<string, { market: Market; productCode: string }>();
  for (const v of versions) seen.set(`${v.market}/${v.productCode}`, { market: v.market, productCode: v.productCode });
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, key]) => key);
}

/**
 * Versions of one product must not overlap in time; returns the pairs that do (the table has no
 * exclusion constraint, so the catalog checks when it loads).
 */
export function overlappingVersions(versions: readonly MarketProductRules[]): [MarketProductRules, MarketProductRules][] {
  const overlaps: [MarketProductRules, MarketProductRules][] = [];
  versions.forEach((a, i) => {
    for (const b of versions.slice(i + 1)) {
      if (a.market !== b.market || a.productCode !== b.productCode) continue;
      const aEnd = a.validity.to?.getTime() ?? Number.POSITIVE_INFINITY;
      const bEnd = b.validity.to?.getTime() ?? Number.POSITIVE_INFINITY;
      if (a.validity.from.getTime() < bEnd && b.validity.from.getTime() < aEnd) overlaps.push([a, b]);
    }
  });
  return overlaps;
}
