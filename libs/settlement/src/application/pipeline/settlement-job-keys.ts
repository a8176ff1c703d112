import { buildIdempotencyKey } from '@vpp/queues';

/**
 * Idempotency keys of the pipeline stages: one per stage, portfolio, period and revision of the
 * meter data, so a duplicate delivery or a rerun of the same stage is absorbed (outbox, BullMQ
 * job id, processed_jobs) and only new meter data (a new revision) runs a stage again.
 */
export const SettlementJobKeys = {
  closeIsp: (ispStart: Date) => buildIdempotencyKey('settlement', 'close-isp', String(ispStart.getTime())),
  closeDay: (deliveryDay: string, revision: number) => buildIdempotencyKey('settlement', 'close-day', deliveryDay, `r${revision}`),
  aggregateMeter: (portfolioId: string, start: Date, end: Date, revision: number) =>
    buildIdempotencyKey('settlement', 'meter', portfolioId, `${start.getTime()}-${end.getTime()}`, `r${revision}`),
  issueStatements: (portfolioId: string, deliveryDay: string, revision: number, priceWaits: number) =>
    buildIdempotencyKey('settlement', 'statements', portfolioId, deliveryDay, `r${revision}`, `w${priceWaits}`),
};
