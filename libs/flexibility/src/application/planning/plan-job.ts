import { JobName, buildIdempotencyKey, type JobRequest } from '@vpp/queues';
import type { DeliveryDay } from '@vpp/units';

/** The plan job of one portfolio, day and known_at; its idempotency key is that triple. */
export function planJobRequest(portfolioId: string, day: DeliveryDay, knownAt: Date, correlationId: string): JobRequest<typeof JobName.PlanPortfolioDay> {
  const stamp = knownAt.toISOString().replace(/[-:.]/g, '');
  return {
    name: JobName.PlanPortfolioDay,
    payload: {
      schemaVersion: 1,
      correlationId,
      idempotencyKey: buildIdempotencyKey('plan', portfolioId, day.isoDate, stamp),
      portfolioId,
      deliveryDay: day.isoDate,
      knownAt: knownAt.toISOString(),
    },
  };
}
