import { z } from 'zod/v4';
import { CONTROL_CHANNELS, EXTERNAL_ENTITY_TYPES } from '../../domain/fleet-vocabulary';
import { SESSION_STATUSES } from '../../domain/session-status';

export const sessionsQuerySchema = z.strictObject({
  status: z.enum(SESSION_STATUSES).optional(),
  controlChannel: z.enum(CONTROL_CHANNELS).optional(),
  historical: z.enum(['true', 'false']).transform((flag) => flag === 'true').optional(),
  limit: z.string().regex(/^[0-9]{1,3}$/, 'limit is an integer of 1 to 500').transform((n) => Number.parseInt(n, 10)).refine((n) => n >= 1 && n <= 500, 'limit is an integer of 1 to 500').optional(),
  cursor: z.string().max(200).optional(),
});
export type SessionsQuery = z.output<typeof sessionsQuerySchema>;

export const externalIdsQuerySchema = z.strictObject({ entityType: z.enum(EXTERNAL_ENTITY_TYPES), entityId: z.uuid() });
export type ExternalIdsQuery = z.output<typeof externalIdsQuerySchema>;

export const eligibilityQuerySchema = z.strictObject({ vehicleId: z.uuid().optional() });
export type EligibilityQuery = z.output<typeof eligibilityQuerySchema>;
