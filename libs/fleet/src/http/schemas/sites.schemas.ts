import { z } from 'zod/v4';
import { isValidEan } from '../../domain/ean';
import { INNOVATION_CLUSTERS } from '../../domain/fleet-vocabulary';
import { countryCode, positivePowerKw, powerKw, reference, text, timezone } from './fleet-api.primitives';

export const createFleetSchema = z.strictObject({ name: text(100) });
export type CreateFleetBody = z.output<typeof createFleetSchema>;

export const gridConnectionSchema = z.strictObject({
  ean: z.string().refine(isValidEan, 'an EAN is 18 digits ending in a valid GS1 check digit'),
  importLimitKw: positivePowerKw('importLimitKw'),
  exportLimitKw: powerKw('exportLimitKw'),
  fuseLimitKw: positivePowerKw('fuseLimitKw').nullable().optional(),
  dso: text(100),
  congestionArea: text(100).nullable().optional(),
});

export type GridConnectionBody = z.output<typeof gridConnectionSchema>;

export const createSiteSchema = z.strictObject({
  name: text(200),
  reference: reference.optional(),
  country: countryCode,
  innovationCluster: z.enum(INNOVATION_CLUSTERS),
  timezone,
  gridConnection: gridConnectionSchema.optional(),
});
export type CreateSiteBody = z.output<typeof createSiteSchema>;

export const updateSiteLimitsSchema = z
  .strictObject({
    importLimitKw: positivePowerKw('importLimitKw').optional(),
    exportLimitKw: powerKw('exportLimitKw').optional(),
    fuseLimitKw: positivePowerKw('fuseLimitKw').nullable().optional(),
    dso: text(100).optional(),
    congestionArea: text(100).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'give at least one field to change');
export type UpdateSiteLimitsBody = z.output<typeof updateSiteLimitsSchema>;
