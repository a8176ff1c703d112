import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import { Decimal, DeliveryDay, parseDecimal } from '@vpp/units';
import { AwardedPosition, BrpPositions, brpPositions } from '../../domain/brp/brp-positions';
import type { BidDirection, Market } from '../../domain/products/market-product';

export interface BrpPortfolioView {
  readonly portfolioId: string;
  readonly name: string;
  readonly brpReference: string;
  readonly biddingZone: string;
}

/**
 * What a BRP reads (issue 5, item 5): only portfolios whose `brp_reference` is one of the BRP
 * organisation's party codes (`brp_party_codes`); any other portfolio is "not found". The
 * nominated schedule comes from the latest stored plan of the day (plan_portfolio_isps) and the
 * imbalance adjustment from dispatch's per-ISP activation tracking (dispatch_tracking_isps);
 * each is read only where its table exists, else flagged as missing.
 */
@Injectable()
export class BrpPositionsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async portfolios(scope: TenantScope): Promise<BrpPortfolioView[]> {
    const rows: { id: string; name: string; brp_reference: string; bidding_zone: string }[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.brp_reference, p.bidding_zone FROM portfolios p JOIN brp_party_codes c ON c.code = p.brp_reference
        WHERE c.organisation_id = $1 ORDER BY p.name, p.id`,
      [scope.organisationId],
    );
    return rows.map((row) => ({ portfolioId: row.id, name: row.name, brpReference: row.brp_reference, biddingZone: row.bidding_zone }));
  }

  async positions(scope: TenantScope, portfolioId: string, day: DeliveryDay): Promise<BrpPositions> {
    const manager = this.dataSource.manager;
    const owned: { brp_reference: string }[] = await manager.query(
      `SELECT p.brp_reference FROM portfolios p JOIN brp_party_codes c ON c.code = p.brp_reference WHERE p.id = $1 AND c.organisation_id = $2`,
      [portfolioId, scope.organisationId],
    );
    if (owned.length === 0) throw notFound('portfolio');
    const [plannedKw, awards, activationKwh] = await Promise.all([
      this.plannedKw(manager, portfolioId, day),
      this.awards(manager, portfolioId, day),
      this.activationKwh(manager, portfolioId, day),
    ]);
    return brpPositions({ portfolioId, brpReference: owned[0].brp_reference, day, plannedKw, awards, activationKwh });
  }

  private async plannedKw(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<Map<number, Decimal> | undefined> {
    if (!(await tableExists(manager, 'plan_portfolio_isps'))) return undefined;
    const rows: { isp_start: Date; planned_kw: string }[] = await manager.query(
      `SELECT i.isp_start, i.planned_kw::text AS planned_kw FROM plan_portfolio_isps i
        WHERE i.plan_run_id = (SELECT r.id FROM plan_runs r WHERE r.portfolio_id = $1 AND r.delivery_day = $2 AND r.status IN ('planned', 'completed')
                                ORDER BY r.known_at DESC LIMIT 1)`,
      [portfolioId, day.isoDate],
    );
    return rows.length === 0 ? undefined : new Map(rows.map((row) => [row.isp_start.getTime(), parseDecimal(row.planned_kw)]));
  }

  private async awards(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<AwardedPosition[]> {
    const rows: { market: Market; direction: BidDirection; period_start: Date; period_end: Date; quantity_mw: string; labels: string[] }[] = await manager.query(
      `SELECT market, direction, period_start, period_end, quantity_mw::text AS quantity_mw, labels FROM market_awards
        WHERE portfolio_id = $1 AND period_start < $3 AND period_end > $2 ORDER BY period_start, client_order_id`,
      [portfolioId, day.start, day.end],
    );
    return rows.map((row) => ({
      market: row.market,
      direction: row.direction,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      quantityMw: parseDecimal(row.quantity_mw),
      labels: row.labels,
    }));
  }

  /** Measured activation energy per ISP, summed over activations, as dispatch records it; undefined when none is recorded. */
  private async activationKwh(manager: EntityManager, portfolioId: string, day: DeliveryDay): Promise<Map<number, Decimal> | undefined> {
    if (!(await tableExists(manager, 'dispatch_tracking_isps'))) return undefined;
    const rows: { isp_start: Date; kwh: string }[] = await manager.query(
      `SELECT isp_start, sum(measured_kwh)::text AS kwh FROM dispatch_tracking_isps
        WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3 GROUP BY isp_start`,
      [portfolioId, day.start, day.end],
    );
    return rows.length === 0 ? undefined : new Map(rows.map((row) => [row.isp_start.getTime(), parseDecimal(row.kwh)]));
  }
}

async function tableExists(manager: EntityManager, table: string): Promise<boolean> {
  const rows: { exists: boolean }[] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
  return rows[0].exists;
}
