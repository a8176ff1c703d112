import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/markets gateways and awards (issue 5, items 4 and 5).
export const GatewaysJobName = {
  /** Reads a gate's clearing results from its counterparty: stores awards, releases non-awarded reservations. */
  CollectGateResults: 'bidding.collect-gate-results',
  /**
   * Hands a portfolio's new awards of a gate to dispatch planning. Enqueued with every stored award;
   * its consumer (re-planning the portfolio's schedule around the awarded positions) is a later issue.
   */
  PlanAwardedDispatch: 'planning.plan-awarded-dispatch',
} as const;

const gateKeySchema = z.string().regex(/^gate\.[a-z0-9-]+\.\d{8}T\d{4}Z$/, 'must be a market gate key');

export const collectGateResultsPayloadSchema = jobPayloadSchema(1, { gateKey: gateKeySchema });
export type CollectGateResultsPayload = z.infer<typeof collectGateResultsPayloadSchema>;

export const planAwardedDispatchPayloadSchema = jobPayloadSchema(1, {
  gateKey: gateKeySchema,
  portfolioId: uuidSchema,
  /** Local delivery day (Europe/Amsterdam) of the awards, `YYYY-MM-DD`. */
  deliveryDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
});
export type PlanAwardedDispatchPayload = z.infer<typeof planAwardedDispatchPayloadSchema>;

export const GATEWAYS_JOBS = {
  [GatewaysJobName.CollectGateResults]: defineJob({
    queue: QueueName.Bidding,
    schema: collectGateResultsPayloadSchema,
    // A counterparty that has no results yet (or is down) fails the job; the catalog backoff retries it.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['gateKey'],
  }),
  [GatewaysJobName.PlanAwardedDispatch]: defineJob({
    queue: QueueName.Planning,
    schema: planAwardedDispatchPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['gateKey', 'portfolioId', 'deliveryDay'],
  }),
} as const;
