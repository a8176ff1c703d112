import { enqueueInTransaction, JobName } from '@vpp/queues';
import type { DeliveryDay } from '@vpp/units';
import { SettlementJobKeys } from './settlement-job-keys';

/**
 * Offers the close of `day` at `revision` in the caller's transaction: the scheduler's daily close
 * (revision 0), late meter data and changed prices (later revisions) all start the same job.
 */
export async function enqueueCloseDay(manager: Parameters<typeof enqueueInTransaction>[0], day: DeliveryDay, revision: number): Promise<void> {
  await enqueueInTransaction(manager, {
    name: JobName.CloseDay,
    payload: {
      schemaVersion: 1,
      correlationId: `settlement-day-${day.isoDate}-r${revision}`,
      idempotencyKey: SettlementJobKeys.closeDay(day.isoDate, revision),
      deliveryDay: day.isoDate,
      revision: String(revision),
    },
  });
}
