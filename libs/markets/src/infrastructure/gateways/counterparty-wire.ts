import { z } from 'zod';
import { PRICE_UNITS, PRICING_RULES } from '../../domain/products/market-product';

/**
 * The JSON our gateways and the simulated counterparties (apps/simulator) exchange. The real
 * platforms' APIs (EPEX M7/ETS, TenneT's balancing platform, GOPACS) are not public; this
 * contract carries what they carry: client order ids, periods in UTC, decimals as strings.
 */
const decimal = z.string().regex(/^-?(0|[1-9]\d*)(\.\d+)?$/, 'must be a decimal string');
const instant = z.string().datetime({ offset: false });

export const wireOrderSchema = z
  .object({
    clientOrderId: z.string().min(1).max(64),
    portfolioId: z.string().uuid(),
    productCode: z.string().min(1),
    direction: z.enum(['symmetric', 'up', 'down', 'buy', 'sell']),
    periodStart: instant,
    periodEnd: instant,
    points: z.array(z.object({ quantityMw: decimal, price: decimal }).strict()).min(1).max(256),
    locationEan: z.string().regex(/^\d{18}$/).nullable(),
  })
  .strict();
export type WireOrder = z.infer<typeof wireOrderSchema>;

export const submitOrdersRequestSchema = z.object({ orders: z.array(wireOrderSchema).min(1) }).strict();

export const submitOrdersResponseSchema = z.object({
  acks: z.array(z.object({ clientOrderId: z.string(), status: z.enum(['accepted', 'replaced', 'refused']), reason: z.string().nullable() })),
});
export type SubmitOrdersResponse = z.infer<typeof submitOrdersResponseSchema>;

export const wireResultSchema = z.object({
  clientOrderId: z.string(),
  periodStart: instant,
  periodEnd: instant,
  quantityMw: decimal,
  price: decimal,
  priceUnit: z.enum(PRICE_UNITS),
  pricing: z.enum(PRICING_RULES),
  labels: z.array(z.string()),
});
export type WireResult = z.infer<typeof wireResultSchema>;

/** `pending` until the counterparty has cleared the day; the collector retries then. */
export const resultsResponseSchema = z.object({
  deliveryDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: z.enum(['cleared', 'pending']),
  results: z.array(wireResultSchema),
  notes: z.array(z.string()),
});
export type ResultsResponse = z.infer<typeof resultsResponseSchema>;

/** Paths of the three counterparties. */
export const COUNTERPARTY_PATHS = {
  tsoCapacityBids: '/v1/capacity-bids',
  tsoEnergyBids: '/v1/energy-bids',
  tsoCapacityResults: '/v1/capacity-results',
  exchangeOrders: '/v1/day-ahead/orders',
  exchangeResults: '/v1/day-ahead/results',
  tradingPlatformOrders: '/v1/idcons/orders',
  tradingPlatformMatches: '/v1/idcons/matches',
} as const;
