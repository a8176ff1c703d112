import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/congestion, on the `connector` queue: the connector talks to counterparties.
export const CongestionJobName = {
  /**
   * Signs a stored outbound UFTP message with our AGR key and POSTs it to the DSO. BullMQ's retries
   * cover crashes; the hour-long exponential back-off UFTP asks for is a new job per attempt.
   */
  SendUftpMessage: 'connector.send-uftp-message',
  /** At a FlexOffer's expiry: releases its ledger reservations when no FlexOrder came. */
  ExpireUftpOffer: 'connector.expire-uftp-offer',
} as const;

export const sendUftpMessagePayloadSchema = jobPayloadSchema(1, {
  outboundMessageId: uuidSchema,
  /** 1 for the first try; the back-off delay of the next is derived from it. Decimal string. */
  attempt: z.string().regex(/^[1-9][0-9]{0,3}$/, 'must be an attempt number'),
});
export type SendUftpMessagePayload = z.infer<typeof sendUftpMessagePayloadSchema>;

export const expireUftpOfferPayloadSchema = jobPayloadSchema(1, { offerId: uuidSchema });
export type ExpireUftpOfferPayload = z.infer<typeof expireUftpOfferPayloadSchema>;

export const CONGESTION_JOBS = {
  [CongestionJobName.SendUftpMessage]: defineJob({
    queue: QueueName.Connector,
    schema: sendUftpMessagePayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['outboundMessageId', 'attempt'],
  }),
  [CongestionJobName.ExpireUftpOffer]: defineJob({
    queue: QueueName.Connector,
    schema: expireUftpOfferPayloadSchema,
    // Releasing is idempotent (the ledger releases once); retries are safe.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['offerId'],
  }),
} as const;
