import { DeliveryDay } from '@vpp/units';

/**
 * When day-ahead prices become known. NL (SDAC) prices for day D+1 are published after the
 * auction closing at D 12:00 Europe/Amsterdam; results are out by about 12:45-13:00, so the
 * default treats them as known from D 13:00 local. Before that, a planner sees prices up to
 * the end of day D only. A parameter, because other markets and result delays differ.
 */
export interface PricePublicationRule {
  /** Local (Europe/Amsterdam) wall-clock time on day D from which D+1's prices are known. */
  readonly localHour: number;
  readonly localMinute: number;
}

export const DEFAULT_PRICE_PUBLICATION: PricePublicationRule = { localHour: 13, localMinute: 0 };

/** End (exclusive, UTC ms) of the last ISP whose day-ahead price is published at `nowMs`. */
export function publishedPricesEndMs(nowMs: number, rule: PricePublicationRule = DEFAULT_PRICE_PUBLICATION): number {
  const today = DeliveryDay.containing(new Date(nowMs));
  const published = nowMs >= today.atLocalTime(rule.localHour, rule.localMinute).getTime();
  return (published ? today.next() : today).end.getTime();
}
