import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { decimalStringSchema, jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/ocpp on the `connector` queue: the connector holds the stations' WebSockets, so a
// process without them (the dispatcher in a split deployment) hands its commands over here.
export const OcppJobName = {
  /** Sends one SetChargingProfile (limit or setpoint) on an open transaction; the outcome lands in ocpp_commands under `commandId`. */
  SendChargingCommand: 'connector.send-ocpp-charging-command',
} as const;

export const ocppChargingCommandPayloadSchema = jobPayloadSchema(1, {
  /** The ocpp_commands row id to record the command and its answer under (chosen by the requester). */
  commandId: uuidSchema,
  stationId: z.string().min(1).max(48),
  transactionId: z.string().min(1).max(64),
  kind: z.enum(['limit', 'setpoint']),
  /** kW as a decimal string; a setpoint may be negative (discharge), a limit not. */
  kw: decimalStringSchema,
});
export type OcppChargingCommandPayload = z.infer<typeof ocppChargingCommandPayloadSchema>;

export const OCPP_JOBS = {
  [OcppJobName.SendChargingCommand]: defineJob({
    queue: QueueName.Connector,
    schema: ocppChargingCommandPayloadSchema,
    // A retry finds the command row already written under commandId and does not send twice.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['commandId'],
  }),
} as const;
