import { z } from 'zod';
import { CongestionError } from '../../domain/congestion.errors';

// Bodies of the /v1 congestion API, checked with zod (the UFTP shapes nest; UFTP rules proper are
// checked in the domain so JSON and XML reject with the same reasons). Power in whole watts,
// positive = consumption; prices as decimal strings.
const domain = z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/, 'must be an internet domain');

export const registerParticipantBody = z
  .object({ organisationId: z.string().uuid(), domain, publicKey: z.string().startsWith('cs1.'), endpointUrl: z.string().url() })
  .strict();

export const registerCongestionPointBody = z.object({ entityAddress: z.string().min(1), congestionArea: z.string().min(1).nullable().optional() }).strict();

const requestIsp = z
  .object({
    start: z.number().int(),
    duration: z.number().int().default(1),
    disposition: z.enum(['Available', 'Requested']).default('Requested'),
    minPower: z.number().int(),
    maxPower: z.number().int(),
  })
  .strict();

export const flexRequestBody = z
  .object({
    messageId: z.string().uuid(),
    conversationId: z.string().uuid(),
    congestionPoint: z.string().min(1),
    period: z.string(),
    revision: z.number().int(),
    expirationDateTime: z.string().datetime({ offset: true }),
    /** Optional statement of intent; every Requested ISP's power must agree with it. */
    direction: z.enum(['down', 'up']).optional(),
    contractId: z.string().optional(),
    serviceType: z.string().optional(),
    ispDuration: z.string().default('PT15M'),
    timeZone: z.string().default('Europe/Amsterdam'),
    isps: z.array(requestIsp).min(1),
  })
  .strict();
export type FlexRequestBody = z.infer<typeof flexRequestBody>;

export const flexOrderBody = z
  .object({
    messageId: z.string().uuid(),
    conversationId: z.string().uuid().optional(),
    flexOfferMessageId: z.string().uuid(),
    orderReference: z.string().min(1),
    optionReference: z.string().optional(),
    activationFactor: z.string().regex(/^(0\.\d{1,2}|1(\.0{1,2})?)$/).default('1.00'),
    price: z.string().regex(/^\d+(\.\d{1,4})?$/),
    currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
    /** Defaults to the chosen option's ISPs x the activation factor. */
    isps: z.array(z.object({ start: z.number().int(), duration: z.number().int().default(1), power: z.number().int() }).strict()).optional(),
  })
  .strict();
export type FlexOrderBody = z.infer<typeof flexOrderBody>;

export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new CongestionError('UFTP_INVALID_BODY', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

/** A congestion event for GOPACS IDCONS, announced by a DSO or relayed by an operator (UTC quarter-hours, MW as a decimal string). */
export const idconsEventBody = z
  .object({
    eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1..64 letters, digits or . _ : -'),
    congestionPointEan: z.string().regex(/^\d{18}$/, 'must be an 18-digit connection EAN'),
    congestionArea: z.string().min(1).nullable().optional(),
    start: z.string().datetime({ offset: false }),
    end: z.string().datetime({ offset: false }),
    direction: z.enum(['consume-less', 'consume-more']),
    requestedMw: z.string().regex(/^(0|[1-9]\d*)(\.\d{1,3})?$/, 'must be a decimal string of MW'),
  })
  .strict();
