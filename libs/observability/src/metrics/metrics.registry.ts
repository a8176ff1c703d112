import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process. Other libs register their own counters on it
 * (`new Counter({ ..., registers: [metricsRegistry] })`); GET /metrics renders it.
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });

// `route` is the route template (`/v1/organisations/:id`), never the raw URL, so label
// cardinality stays bounded; requests that matched no route share one label.
export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route template and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDurationSeconds = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving an HTTP request to sending its response, in seconds.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const UNMATCHED_ROUTE = '<unmatched>';

/** Records one answered request; `durationSeconds` from the server's own timer. */
export function observeHttpRequest(method: string, route: string | undefined, status: number, durationSeconds: number): void {
  const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
  httpRequestsTotal.inc(labels);
  httpRequestDurationSeconds.observe(labels, durationSeconds);
}
