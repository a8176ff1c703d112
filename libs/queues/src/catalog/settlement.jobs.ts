import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

/** ISO instant of an ISP boundary, e.g. `2026-06-01T10:15:00.000Z`. */
const instantSchema = z.string().datetime({ offset: false });
const deliveryDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a delivery day like 2026-01-31');
/**
 * Which meter data a day's settlement rests on: 0 for the run after the day closes, then the
 * epoch milliseconds of the latest late meter value that triggered a restatement.
 */
const revisionSchema = z.string().regex(/^(0|[1-9][0-9]{0,15})$/, 'must be a whole number as text');

// The settlement pipeline (issue 7 item 1, libs/settlement/README.md "Pipeline"). Payloads carry
// ids and periods only; every stage reads its inputs from PostgreSQL.
export const SettlementJobName = {
  /** An ISP closed (plus the grace for late meter data): fans out one meter aggregation per portfolio. */
  CloseIsp: 'settlement.close-isp',
  /** A delivery day closed, or late meter data arrived for it: fans out one day settlement per portfolio. */
  CloseDay: 'settlement.close-day',
  /** Meter aggregation of one portfolio and period into settlement_meter_isp (and per session for a day). */
  AggregateMeter: 'settlement.aggregate-meter',
  /** Delivered flexibility, revenues, allocation and the ledger: one statement per fleet of the portfolio and day. */
  IssueStatements: 'settlement.issue-statements',
} as const;

export const closeIspPayloadSchema = jobPayloadSchema(1, { ispStart: instantSchema });
export type CloseIspPayload = z.infer<typeof closeIspPayloadSchema>;

export const closeDayPayloadSchema = jobPayloadSchema(1, { deliveryDay: deliveryDaySchema, revision: revisionSchema });
export type CloseDayPayload = z.infer<typeof closeDayPayloadSchema>;

export const aggregateMeterPayloadSchema = jobPayloadSchema(1, {
  portfolioId: uuidSchema,
  periodStart: instantSchema,
  periodEnd: instantSchema,
  /** Set for a delivery day: then the statements follow and per-session totals are written. */
  deliveryDay: deliveryDaySchema.nullable(),
  revision: revisionSchema,
});
export type AggregateMeterPayload = z.infer<typeof aggregateMeterPayloadSchema>;

export const issueStatementsPayloadSchema = jobPayloadSchema(1, {
  portfolioId: uuidSchema,
  deliveryDay: deliveryDaySchema,
  revision: revisionSchema,
  /** How often this statement run already waited for a missing price (a whole number as text). */
  priceWaits: z.string().regex(/^(0|[1-9][0-9]{0,5})$/, 'must be a whole number as text'),
});
export type IssueStatementsPayload = z.infer<typeof issueStatementsPayloadSchema>;

export const SETTLEMENT_JOBS = {
  [SettlementJobName.CloseIsp]: defineJob({ queue: QueueName.Settlement, schema: closeIspPayloadSchema, options: DEFAULT_JOB_OPTIONS, businessIdFields: ['ispStart'] }),
  [SettlementJobName.CloseDay]: defineJob({
    queue: QueueName.Settlement,
    schema: closeDayPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['deliveryDay', 'revision'],
  }),
  [SettlementJobName.AggregateMeter]: defineJob({
    queue: QueueName.Settlement,
    schema: aggregateMeterPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['portfolioId', 'periodStart', 'periodEnd', 'revision'],
  }),
  [SettlementJobName.IssueStatements]: defineJob({
    queue: QueueName.Settlement,
    schema: issueStatementsPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['portfolioId', 'deliveryDay', 'revision', 'priceWaits'],
  }),
} as const;
