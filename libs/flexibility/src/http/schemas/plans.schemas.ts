import { z } from 'zod/v4';
import { isoDate } from './ledger-api.primitives';

export const requestPlanSchema = z.strictObject({ deliveryDay: isoDate });
export type RequestPlanBody = z.output<typeof requestPlanSchema>;

export const scheduleQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});
export type ScheduleQuery = z.output<typeof scheduleQuerySchema>;
