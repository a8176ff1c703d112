import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { parseDecimal, TimeRange } from '@vpp/units';
import type { CounterpartyResult } from '../../domain/gateways/counterparty-result';
import { CounterpartyRefusedError, CounterpartyUnavailableError } from '../../domain/gateways/gateway.errors';
import type { GatewayOrder } from '../../domain/gateways/gateway-order';
import type { OrderAck } from '../../domain/gateways/order-ack';
import { resultsResponseSchema, submitOrdersResponseSchema, WireOrder, WireResult } from './counterparty-wire';

export interface CounterpartyHttpSettings {
  readonly name: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Attempts within one call; the gate's retry rounds go on beyond them. */
  readonly attempts: number;
}

const RETRY_BASE_MS = 200;

/**
 * One JSON call with a timeout, a bounded number of attempts (network errors, timeouts, 5xx and
 * malformed answers are retried; never past `deadline`) and the answer validated with zod. A 4xx
 * is the counterparty refusing the request: not retried.
 */
export async function counterpartyCall<T>(
  settings: CounterpartyHttpSettings,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  deadline: Date,
): Promise<T> {
  let lastProblem = 'not attempted: the deadline had passed';
  for (let attempt = 1; attempt <= settings.attempts; attempt += 1) {
    const remainingMs = deadline.getTime() - Date.now();
    if (remainingMs <= 0) break;
    try {
      const response = await fetch(`${settings.baseUrl}${path}`, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(Math.min(settings.timeoutMs, remainingMs)),
      });
      const text = await response.text();
      if (response.status >= 400 && response.status < 500) throw new CounterpartyRefusedError(settings.name, `${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
      if (!response.ok) {
        lastProblem = `${method} ${path}: HTTP ${response.status}`;
      } else {
        const parsed = schema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        lastProblem = `${method} ${path}: malformed answer: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
      }
    } catch (error) {
      if (error instanceof CounterpartyRefusedError) throw error;
      lastProblem = `${method} ${path}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const pauseMs = Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), deadline.getTime() - Date.now());
    if (attempt < settings.attempts && pauseMs > 0) await sleep(pauseMs);
  }
  throw new CounterpartyUnavailableError(settings.name, lastProblem);
}

export function toWireOrder({ clientOrderId, bid }: GatewayOrder): WireOrder {
  return {
    clientOrderId,
    portfolioId: bid.portfolioId,
    productCode: bid.productCode,
    direction: bid.direction,
    periodStart: bid.period.start.toISOString(),
    periodEnd: bid.period.end.toISOString(),
    points: bid.points.map((point) => ({ quantityMw: point.quantityMw.toFixed(), price: point.price.toFixed() })),
    locationEan: bid.locationEan,
  };
}

export async function submitOrders(settings: CounterpartyHttpSettings, path: string, orders: readonly GatewayOrder[], deadline: Date): Promise<OrderAck[]> {
  const answer = await counterpartyCall(settings, 'POST', path, { orders: orders.map(toWireOrder) }, submitOrdersResponseSchema, deadline);
  const acks = new Map(answer.acks.map((ack) => [ack.clientOrderId, ack]));
  const missing = orders.filter((order) => !acks.has(order.clientOrderId));
  // An answer that does not acknowledge every order is not an answer: resend (same ids) until it is.
  if (missing.length > 0) throw new CounterpartyUnavailableError(settings.name, `${missing.length} order(s) not acknowledged, e.g. ${missing[0].clientOrderId}`);
  return orders.map((order) => {
    const ack = acks.get(order.clientOrderId);
    return { clientOrderId: order.clientOrderId, accepted: ack?.status !== 'refused', reason: ack?.reason ?? null };
  });
}

export async function fetchResults(settings: CounterpartyHttpSettings, path: string, deliveryDay: string, deadline: Date): Promise<CounterpartyResult[]> {
  const answer = await counterpartyCall(settings, 'GET', `${path}?deliveryDay=${encodeURIComponent(deliveryDay)}`, undefined, resultsResponseSchema, deadline);
  if (answer.status === 'pending') throw new CounterpartyUnavailableError(settings.name, `results of ${deliveryDay} not published yet`);
  return answer.results.map(fromWireResult);
}

function fromWireResult(result: WireResult): CounterpartyResult {
  return {
    clientOrderId: result.clientOrderId,
    period: TimeRange.of(new Date(result.periodStart), new Date(result.periodEnd)),
    quantityMw: parseDecimal(result.quantityMw),
    price: parseDecimal(result.price),
    priceUnit: result.priceUnit,
    pricing: result.pricing,
    labels: result.labels,
  };
}
