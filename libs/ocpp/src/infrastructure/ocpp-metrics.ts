import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '@vpp/observability';

export const ocppConnectedStations = new Gauge({
  name: 'ocpp_connected_stations',
  help: 'OCPP stations with an open WebSocket to this process.',
  registers: [metricsRegistry],
});

export const ocppInboundCallsTotal = new Counter({
  name: 'ocpp_inbound_calls_total',
  help: 'OCPP CALLs received from stations, by action and outcome (ok, rejected_schema, error).',
  labelNames: ['action', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const ocppCommandLatencySeconds = new Histogram({
  name: 'ocpp_command_latency_seconds',
  help: 'Time from sending an OCPP command to receiving its CALLRESULT, in seconds.',
  labelNames: ['action', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});
