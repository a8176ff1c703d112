import { Counter } from 'prom-client';
import { metricsRegistry } from '@vpp/observability';

/** Gates whose bids were not prepared in time; alert on any increase. */
export const marketGatesMissedTotal = new Counter({
  name: 'market_gates_missed_total',
  help: 'Market gates that closed before their bids were prepared, by market, product and reason.',
  labelNames: ['market', 'product_code', 'reason'] as const,
  registers: [metricsRegistry],
});

export const marketGatesPreparedTotal = new Counter({
  name: 'market_gates_prepared_total',
  help: 'Market gates whose bids were prepared before the gate, by market and product.',
  labelNames: ['market', 'product_code'] as const,
  registers: [metricsRegistry],
});
