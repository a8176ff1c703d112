import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { enqueueInTransaction, JobName } from '@vpp/queues';
import { TimeRange } from '@vpp/units';
import type { MeterAggregationCounts } from '../../infrastructure/pipeline/settlement-meter.repository';
import { SettlementMeterRepository } from '../../infrastructure/pipeline/settlement-meter.repository';
import { SettlementJobKeys } from './settlement-job-keys';

export interface AggregateMeterCommand {
  readonly portfolioId: string;
  readonly period: TimeRange;
  /** Set for a delivery day: per-session totals are written and the statement stage follows. */
  readonly deliveryDay: string | null;
  readonly revision: number;
  readonly correlationId: string;
}

/** The meter stage: aggregates the portfolio's meter data and, for a delivery day, enqueues its statements. */
@Injectable()
export class AggregateMeterUseCase {
  constructor(private readonly meter: SettlementMeterRepository) {}

  async execute(manager: EntityManager, command: AggregateMeterCommand): Promise<MeterAggregationCounts> {
    const counts = await this.meter.aggregate(manager, command.portfolioId, command.period, command.deliveryDay !== null);
    if (command.deliveryDay !== null) {
      await enqueueInTransaction(manager, {
        name: JobName.IssueStatements,
        payload: {
          schemaVersion: 1,
          correlationId: command.correlationId,
          idempotencyKey: SettlementJobKeys.issueStatements(command.portfolioId, command.deliveryDay, command.revision, 0),
          portfolioId: command.portfolioId,
          deliveryDay: command.deliveryDay,
          revision: String(command.revision),
          priceWaits: '0',
        },
      });
    }
    return counts;
  }
}
