import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/markets (the market calendar), on the `bidding` queue owned by the planner.
export const MarketsJobName = {
  /** Plans the gates of today and the horizon days (BullMQ job scheduler, hourly by default). */
  PlanMarketCalendar: 'bidding.plan-market-calendar',
  /** Prepares the bids of one gate at its prepare-at instant; runs after the gate raise the missed-gate alert. */
  PrepareMarketGate: 'bidding.prepare-market-gate',
} as const;

export const planMarketCalendarPayloadSchema = jobPayloadSchema(1, {
  /** Who asked: the job scheduler, or an operator/test run. The run plans from its own clock. */
  trigger: z.enum(['schedule', 'manual']),
});
export type PlanMarketCalendarPayload = z.infer<typeof planMarketCalendarPayloadSchema>;

export const prepareMarketGatePayloadSchema = jobPayloadSchema(1, {
  /** `market_gates.gate_key`, e.g. `gate.fcr-nl.20260328T2300Z`. */
  gateKey: z.string().regex(/^gate\.[a-z0-9-]+\.\d{8}T\d{4}Z$/, 'must be a market gate key'),
  /** 1 for the gate's own job; 2, 3, ... for retry rounds after a round's attempts ran out before the gate. */
  round: z.string().regex(/^[1-9]\d{0,4}$/, 'must be a round number "1", "2", ...'),
});
export type PrepareMarketGatePayload = z.infer<typeof prepareMarketGatePayloadSchema>;

export const MARKETS_JOBS = {
  [MarketsJobName.PlanMarketCalendar]: defineJob({
    queue: QueueName.Bidding,
    schema: planMarketCalendarPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['trigger'],
  }),
  [MarketsJobName.PrepareMarketGate]: defineJob({
    queue: QueueName.Bidding,
    schema: prepareMarketGatePayloadSchema,
    // Retries back off within a round; between rounds the handler re-enqueues until the gate closes.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['gateKey', 'round'],
  }),
} as const;
