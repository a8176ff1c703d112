import { createHash } from 'node:crypto';
import { DeliveryDay, type Isp, TimeRange } from '@vpp/units';
import { marketGateKey, type MarketGate } from '../../domain/calendar/market-gate';
import type { MarketProductRules } from '../../domain/products/market-product';

/**
 * IDCONS has no calendar gate (orders answer a grid operator's congestion event). To send and
 * collect its orders through the same gateway path as the auctions, each event gets a gate of its
 * own per portfolio: period = the event's ISPs, closure = the first ISP's start (UNVERIFIED: the
 * intraday platforms' own gate closure is not modelled; an order for an ISP already delivering
 * makes no sense). The key keeps the calendar's shape `gate.<name>.<start>` (the job catalog
 * checks it), the name being the product, the event (readable part + a hash of its id, so ids that
 * differ only in case or punctuation stay apart) and the portfolio.
 */
export function congestionEventGate(rules: MarketProductRules, eventId: string, portfolioId: string, isps: readonly Isp[], preparedAt: Date): MarketGate {
  const first = isps[0];
  const last = isps[isps.length - 1];
  const readable = eventId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  const digest = createHash('sha256').update(eventId).digest('hex').slice(0, 8);
  const name = [rules.productCode, readable, digest, portfolioId.slice(0, 8).toLowerCase()].filter((part) => part !== '').join('-');
  return {
    key: marketGateKey(name, first.start),
    market: rules.market,
    productCode: rules.productCode,
    productVersionId: rules.id,
    deliveryDay: DeliveryDay.containing(first.start).isoDate,
    period: TimeRange.of(first.start, last.end),
    gateClosureAt: first.start,
    prepareAt: preparedAt,
  };
}
