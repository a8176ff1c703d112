import { Counter } from 'prom-client';
import { metricsRegistry } from '@vpp/observability';

/** Alerts on: a statement run found an ISP with energy but no price and waits for it. */
export const settlementPriceMissingTotal = new Counter({
  name: 'settlement_price_missing_total',
  help: 'Statement runs that waited because a price was missing for an ISP with energy, by portfolio.',
  labelNames: ['portfolio_id'] as const,
  registers: [metricsRegistry],
});

export const settlementStatementsIssuedTotal = new Counter({
  name: 'settlement_statements_issued_total',
  help: 'Statement versions issued by the pipeline (already-issued reruns not counted).',
  registers: [metricsRegistry],
});
