import { z } from 'zod/v4';
import { pseudonymProblem } from '../../application/vehicle-pseudonym';
import { CURRENT_TYPES, OCPP_VERSIONS } from '../../domain/fleet-vocabulary';
import { positiveEnergyKwh, positivePowerKw, reference, text } from './fleet-api.primitives';

const evseSchema = z.strictObject({
  evseNumber: z.number().int().min(1).max(99),
  currentType: z.enum(CURRENT_TYPES),
  phases: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  maxPowerKw: positivePowerKw('maxPowerKw'),
  bidirectional: z.boolean(),
  iso15118_20: z.boolean(),
});

const evses = z
  .array(evseSchema)
  .min(1)
  .max(99)
  .refine((list) => new Set(list.map((evse) => evse.evseNumber)).size === list.length, 'evseNumber must be unique within the charge point');

const hardware = { vendor: text(100).nullable().optional(), model: text(100).nullable().optional(), evses };

export const createChargePointSchema = z.discriminatedUnion('protocol', [
  z.strictObject({
    protocol: z.literal('ocpp'),
    ocppVersion: z.enum(OCPP_VERSIONS),
    // OCPP identity: identifierString of at most 48 characters, also the basic-auth user (no ':').
    stationId: z.string().regex(/^[A-Za-z0-9*\-_=+|@.]{1,48}$/, 'a station id is 1-48 of A-Z a-z 0-9 * - _ = + | @ .'),
    // SecurityCtrlr.BasicAuthPassword: 16-40 characters (OCPP 2.0.1 Part 2, A00); stored hashed only.
    password: z.string().regex(/^[\x21-\x7e]{16,40}$/, 'the password is 16 to 40 printable ASCII characters'),
    ...hardware,
  }),
  z.strictObject({ protocol: z.literal('none'), reference, ...hardware }),
]);
export type CreateChargePointBody = z.output<typeof createChargePointSchema>;

export const createVehicleSchema = z.strictObject({
  pseudonymousId: z.string().superRefine((id, context) => {
    const problem = pseudonymProblem(id);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  }),
  batteryKwh: positiveEnergyKwh('batteryKwh').nullable().optional(),
  maxAcChargeKw: positivePowerKw('maxAcChargeKw').nullable().optional(),
  maxDcChargeKw: positivePowerKw('maxDcChargeKw').nullable().optional(),
  maxAcDischargeKw: positivePowerKw('maxAcDischargeKw').nullable().optional(),
  maxDcDischargeKw: positivePowerKw('maxDcDischargeKw').nullable().optional(),
  v2gCapable: z.boolean().default(false),
  oem: text(64).nullable().optional(),
  model: text(64).nullable().optional(),
});
export type CreateVehicleBody = z.output<typeof createVehicleSchema>;

export const recordV2gComplianceSchema = z.strictObject({
  vehicleId: z.uuid().optional(),
  vehicleModel: z.strictObject({ oem: text(64), model: text(64) }).optional(),
  gridCode: text(100),
});
export type RecordV2gComplianceBody = z.output<typeof recordV2gComplianceSchema>;
