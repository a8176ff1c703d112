import { Injectable, Logger } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { OfferReservations } from '../../application/offer-reservations';

/** The `connector` queue's offer expiry: gives an unordered FlexOffer's kW back to the ledger. */
@Injectable()
export class OfferExpiryProcessor {
  private readonly logger = new Logger(OfferExpiryProcessor.name);

  constructor(private readonly reservations: OfferReservations) {}

  // Not in runIdempotently: the ledger releases each reservation once, in its own transaction. A job
  // that fires before the expiry throws OfferNotExpiredYet and is retried with the catalog's backoff.
  // Each run also sweeps other offers that expired unordered and still hold kW (a lost job).
  @JobHandler(QueueName.Connector, JobName.ExpireUftpOffer)
  async expireUftpOffer(payload: JobPayload<typeof JobName.ExpireUftpOffer>, context: JobContext): Promise<JobOutcome> {
    const released = await this.reservations.releaseIfExpiredUnordered(payload.offerId);
    const swept = await this.reservations.releaseExpired();
    this.logger.log({ msg: 'UFTP offer expiry', offerId: payload.offerId, released, swept, jobId: context.jobId });
    return released > 0 ? 'done' : 'skipped';
  }
}
