import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of the planner's plan (libs/flexibility planning), on the `planning` queue owned by the planner.
export const PlanningJobName = {
  /** Plans one portfolio's delivery day as known at `knownAt`; one stored plan per (portfolio, day, knownAt). */
  PlanPortfolioDay: 'planning.plan-portfolio-day',
  /** Enqueues the next delivery day's plan of every portfolio (BullMQ job scheduler, D-1 07:00 local by default). */
  SchedulePortfolioPlans: 'planning.schedule-portfolio-plans',
  /**
   * Records a live session's uncontrolled-charging baseline as known at `knownAt`, once its need
   * and departure are known (the driver stated them), so it settles against its own baseline
   * whether or not a plan ran after it arrived.
   */
  RecordSessionBaseline: 'planning.record-session-baseline',
} as const;

export const planPortfolioDayPayloadSchema = jobPayloadSchema(1, {
  portfolioId: uuidSchema,
  deliveryDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a delivery day YYYY-MM-DD'),
  /** ISO 8601 UTC: nothing known later goes into the plan. */
  knownAt: z.string().datetime(),
});
export type PlanPortfolioDayPayload = z.infer<typeof planPortfolioDayPayloadSchema>;

export const schedulePortfolioPlansPayloadSchema = jobPayloadSchema(1, {
  /** Who asked: the job scheduler, or an operator/test run. The run plans the day after its own clock's day. */
  trigger: z.enum(['schedule', 'manual']),
});
export type SchedulePortfolioPlansPayload = z.infer<typeof schedulePortfolioPlansPayloadSchema>;

export const recordSessionBaselinePayloadSchema = jobPayloadSchema(1, {
  sessionId: uuidSchema,
  /** ISO 8601 UTC: the instant the session's need and departure became known. */
  knownAt: z.string().datetime(),
});
export type RecordSessionBaselinePayload = z.infer<typeof recordSessionBaselinePayloadSchema>;

export const PLANNING_JOBS = {
  [PlanningJobName.PlanPortfolioDay]: defineJob({
    queue: QueueName.Planning,
    schema: planPortfolioDayPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['portfolioId', 'deliveryDay', 'knownAt'],
  }),
  [PlanningJobName.SchedulePortfolioPlans]: defineJob({
    queue: QueueName.Planning,
    schema: schedulePortfolioPlansPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['trigger'],
  }),
  [PlanningJobName.RecordSessionBaseline]: defineJob({
    queue: QueueName.Planning,
    schema: recordSessionBaselinePayloadSchema,
    // Recording is idempotent per (session, method, version, known_at): a retry returns the first record.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['sessionId', 'knownAt'],
  }),
} as const;
