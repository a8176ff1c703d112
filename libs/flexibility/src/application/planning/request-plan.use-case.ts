import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TenantScope } from '@vpp/access';
import { enqueueInTransaction } from '@vpp/queues';
import type { DeliveryDay } from '@vpp/units';
import { requireOwnedPortfolio } from '../portfolio/portfolio.queries';
import { planJobRequest } from './plan-job';
import { ensurePlanRun } from './plan-run.store';

export interface RequestedPlan {
  readonly runId: string;
  readonly status: string;
  readonly knownAt: string;
}

/**
 * An operator asks for a plan now: the run row and its job are written in one transaction (the
 * outbox relays the job to the planner), so the answer's run id always has a job behind it.
 * known_at is the request time to the second.
 */
@Injectable()
export class RequestPlanUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(scope: TenantScope, portfolioId: string, day: DeliveryDay, correlationId: string, now = new Date()): Promise<RequestedPlan> {
    const knownAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    return this.dataSource.transaction(async (manager) => {
      await requireOwnedPortfolio(manager, scope, portfolioId);
      const run = await ensurePlanRun(manager, portfolioId, day, knownAt, now);
      if (run.status === 'queued' || run.status === 'failed') await enqueueInTransaction(manager, planJobRequest(portfolioId, day, knownAt, correlationId));
      return { runId: run.id, status: run.status, knownAt: knownAt.toISOString() };
    });
  }
}
