import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/ocpi, on the `connector` queue: the connector holds the CPOs' credentials.
export const OcpiJobName = {
  /** PUTs a recorded SetChargingProfile to the CPO (mod_charging_profiles, receiver interface). */
  SendChargingProfile: 'connector.send-ocpi-charging-profile',
  /** Marks a command timed out when its async result has not come by the deadline (OCPI has no retries). */
  ExpireChargingProfile: 'connector.expire-ocpi-charging-profile',
  /** GETs one CPO's Locations and Sessions changed since the last pull (transport_and_format "Pagination"). */
  PullOcpiParty: 'connector.pull-ocpi-party',
} as const;

export const ocpiChargingProfileCommandPayloadSchema = jobPayloadSchema(1, { commandId: uuidSchema });
export type OcpiChargingProfileCommandPayload = z.infer<typeof ocpiChargingProfileCommandPayloadSchema>;

export const pullOcpiPartyPayloadSchema = jobPayloadSchema(1, { ocpiPartyId: uuidSchema });
export type PullOcpiPartyPayload = z.infer<typeof pullOcpiPartyPayloadSchema>;

export const OCPI_JOBS = {
  [OcpiJobName.SendChargingProfile]: defineJob({
    queue: QueueName.Connector,
    schema: ocpiChargingProfileCommandPayloadSchema,
    // Retries resend the same X-Request-ID; a profile that arrives after its deadline is timed out anyway.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['commandId'],
  }),
  [OcpiJobName.ExpireChargingProfile]: defineJob({
    queue: QueueName.Connector,
    schema: ocpiChargingProfileCommandPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['commandId'],
  }),
  [OcpiJobName.PullOcpiParty]: defineJob({
    queue: QueueName.Connector,
    schema: pullOcpiPartyPayloadSchema,
    // A pull is idempotent (last_updated ordering, the cursor moves only after the last page); retries resume from the cursor.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['ocpiPartyId'],
  }),
} as const;
