import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { enqueueInTransaction, JobName } from '@vpp/queues';
import { DeliveryDay, Isp } from '@vpp/units';
import { SettlementPortfoliosReader } from '../../infrastructure/pipeline/settlement-portfolios.reader';
import { SettlementJobKeys } from './settlement-job-keys';

/**
 * The fan-out of the pipeline: a closed ISP or delivery day becomes one meter aggregation per
 * portfolio, enqueued through the outbox in the caller's transaction.
 */
@Injectable()
export class ClosePeriodUseCase {
  constructor(private readonly portfolios: SettlementPortfoliosReader) {}

  async closeIsp(manager: EntityManager, isp: Isp, correlationId: string): Promise<number> {
    return this.fanOut(manager, isp.range.start, isp.range.end, null, 0, correlationId);
  }

  async closeDay(manager: EntityManager, day: DeliveryDay, revision: number, correlationId: string): Promise<number> {
    return this.fanOut(manager, day.start, day.end, day.isoDate, revision, correlationId);
  }

  private async fanOut(manager: EntityManager, start: Date, end: Date, deliveryDay: string | null, revision: number, correlationId: string): Promise<number> {
    const portfolios = await this.portfolios.all(manager);
    for (const portfolio of portfolios) {
      await enqueueInTransaction(manager, {
        name: JobName.AggregateMeter,
        payload: {
          schemaVersion: 1,
          correlationId,
          idempotencyKey: SettlementJobKeys.aggregateMeter(portfolio.id, start, end, revision),
          portfolioId: portfolio.id,
          periodStart: start.toISOString(),
          periodEnd: end.toISOString(),
          deliveryDay,
          revision: String(revision),
        },
      });
    }
    return portfolios.length;
  }
}
