import { DeliveryDay, TimeRange } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';
import { MarketsError } from '../products/markets.errors';
import { productGateClosure } from '../products/product-gate';
import { productKeys, resolveProductRules } from '../products/resolve-product-rules';
import { MarketGate, marketGateKey } from './market-gate';

const MS_PER_MINUTE = 60_000;

/**
 * Every gate for one delivery day (Europe/Amsterdam; 23-, 24- and 25-hour days), in gate order:
 * one per daily auction (FCR, aFRR capacity, SDAC) and one per MTU of per-period products (aFRR
 * energy: 92, 96 or 100 a day). Event-driven products (IDCONS) have none. Each period uses the
 * product version valid at its start; a product with no version for the day is left out.
 */
export function computeMarketCalendar(versions: readonly MarketProductRules[], day: DeliveryDay, safetyMarginMinutes: number): MarketGate[] {
  const marginMs = safetyMarginMinutes * MS_PER_MINUTE;
  const gates: MarketGate[] = [];
  for (const { market, productCode } of productKeys(versions)) {
    for (const period of calendarPeriods(versions, market, productCode, day)) {
      const rules = tryResolve(versions, market, productCode, period.start);
      if (rules === undefined || rules.gateKind === 'event') continue;
      const closure = productGateClosure(rules, rules.gateKind === 'daily' ? day : period);
      if (closure === null) continue;
      gates.push({
        key: marketGateKey(productCode, period.start),
        market,
        productCode,
        productVersionId: rules.id,
        deliveryDay: day.isoDate,
        period,
        gateClosureAt: closure,
        prepareAt: new Date(closure.getTime() - marginMs),
      });
    }
  }
  return gates.sort((a, b) => a.gateClosureAt.getTime() - b.gateClosureAt.getTime() || a.key.localeCompare(b.key));
}

/** The day for daily auctions, else its MTUs (the version at the day's start sets the MTU length). */
function calendarPeriods(versions: readonly MarketProductRules[], market: MarketProductRules['market'], productCode: string, day: DeliveryDay): TimeRange[] {
  const atStart = tryResolve(versions, market, productCode, day.start);
  if (atStart === undefined || atStart.gateKind === 'event') return [];
  if (atStart.gateKind === 'daily') return [day.range];
  const mtuMs = (atStart.mtuMinutes ?? 15) * MS_PER_MINUTE;
  const count = Math.round(day.range.durationMs / mtuMs);
  const startMs = day.start.getTime();
  return Array.from({ length: count }, (_, i) => TimeRange.of(new Date(startMs + i * mtuMs), new Date(startMs + (i + 1) * mtuMs)));
}

function tryResolve(versions: readonly MarketProductRules[], market: MarketProductRules['market'], productCode: string, at: Date): MarketProductRules | undefined {
  try {
    return resolveProductRules(versions, market, productCode, at);
  } catch (error) {
    if (error instanceof MarketsError && error.code === 'MARKET_PRODUCT_NOT_FOUND') return undefined;
    throw error;
  }
}
