import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@vpp/observability';

export const dispatchSilentFeedTotal = new Counter({
  name: 'dispatch_silent_feed_total',
  help: 'Times a portfolio\'s TSO feed went silent (no aFRR setpoint within DISPATCH_SILENT_FEED_S): activation fell back to 0 MW.',
  labelNames: ['portfolio'] as const,
  registers: [metricsRegistry],
});

export const dispatchFeedSilent = new Gauge({
  name: 'dispatch_feed_silent',
  help: '1 while a portfolio\'s TSO feed is silent and its aFRR activation is held at 0 MW, else 0.',
  labelNames: ['portfolio'] as const,
  registers: [metricsRegistry],
});

export const dispatchCongestionCaps = new Gauge({
  name: 'dispatch_congestion_caps',
  help: 'Sites of a portfolio under a congestion cap (UFTP FlexOrder or IDCONS award) in the current ISP.',
  labelNames: ['portfolio'] as const,
  registers: [metricsRegistry],
});
