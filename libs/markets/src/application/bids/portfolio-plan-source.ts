import type { EntityManager } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';
import type { PortfolioDayPlan } from '../../domain/bids/portfolio-day-plan';

/**
 * Where bid building gets a portfolio's plan for a delivery day: the latest plan known at `asOf`.
 * The builders take plain inputs; this port hides how plans are stored (libs/flexibility planning).
 */
export interface PortfolioPlanSource {
  planFor(manager: EntityManager, portfolioId: string, day: DeliveryDay, asOf: Date): Promise<PortfolioDayPlan | undefined>;
}

export const PORTFOLIO_PLAN_SOURCE = Symbol('PORTFOLIO_PLAN_SOURCE');
