import { z } from 'zod/v4';
import { isoDate } from './ledger-api.primitives';

const kwText = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'a non-negative decimal string of kW with at most 3 decimals');
const clock = z.string().regex(/^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/, 'a local quarter-hour HH:MM');

/** A site's behind-the-meter services from a local delivery day on; grid-limit needs no setting. */
export const siteServicesSchema = z.strictObject({
  effectiveFrom: isoDate,
  peakShaving: z.strictObject({ capacityTariffEurPerKwMonth: z.string().regex(/^\d{1,13}(\.\d{1,6})?$/, 'EUR per kW per month, decimal string') }).optional(),
  pvSelfConsumption: z.strictObject({ pvProfileKw: z.array(kwText).length(96).describe('one kW value per local quarter, 00:00 first') }).optional(),
  baseLoadProfileKw: z.array(kwText).length(96).optional(),
  tariff: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('dynamic') }),
    z.strictObject({
      kind: z.literal('time-of-use'),
      periods: z
        .array(z.strictObject({ days: z.enum(['all', 'weekdays', 'weekend']), from: clock, to: clock, priceEurPerMwh: z.string().regex(/^-?\d{1,9}(\.\d{1,5})?$/) }))
        .min(1)
        .max(200),
    }),
  ]),
});
export type SiteServicesBody = z.output<typeof siteServicesSchema>;
