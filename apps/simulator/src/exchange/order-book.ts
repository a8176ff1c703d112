import { DeliveryDay } from '@vpp/units';
import { submitOrdersRequestSchema, WireOrder } from '@vpp/markets';
import type { JsonAnswer } from './json-http-server';

/**
 * Orders by client order id, as a platform keeps them: the same id again replaces the order
 * (a resend after a crash does not double it). `check` refuses single orders with a reason.
 */
export class OrderBook {
  private readonly orders = new Map<string, WireOrder>();

  constructor(private readonly check: (order: WireOrder) => string | null) {}

  submit(body: unknown): JsonAnswer {
    const parsed = submitOrdersRequestSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    const acks = parsed.data.orders.map((order) => {
      const reason = this.check(order);
      if (reason !== null) return { clientOrderId: order.clientOrderId, status: 'refused' as const, reason };
      const replaced = this.orders.has(order.clientOrderId);
      this.orders.set(order.clientOrderId, order);
      return { clientOrderId: order.clientOrderId, status: replaced ? ('replaced' as const) : ('accepted' as const), reason: null };
    });
    return { status: 200, body: { acks } };
  }

  /** Orders whose period starts in the delivery day (Europe/Amsterdam). */
  ofDay(day: DeliveryDay): WireOrder[] {
    return [...this.orders.values()].filter((order) => day.contains(new Date(order.periodStart)));
  }

  get size(): number {
    return this.orders.size;
  }
}

/** `?deliveryDay=YYYY-MM-DD`, or a 400 answer. */
export function deliveryDayParam(query: URLSearchParams): DeliveryDay | JsonAnswer {
  const text = query.get('deliveryDay') ?? '';
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error('format');
    return DeliveryDay.of(text);
  } catch {
    return { status: 400, body: { error: 'deliveryDay must be YYYY-MM-DD' } };
  }
}
