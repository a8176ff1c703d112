import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryDay } from '@vpp/units';
import { CongestionFlexibility, CongestionFlexibilityProvider, PortfolioFlexibility } from '../domain/congestion-flexibility';
import { eanOf } from '../domain/entity-address';
import { capToHeadroom } from '../domain/planned-session-flexibility';
import { UftpCongestionPointEntity } from '../infrastructure/uftp-congestion-point.entity';
import { CongestionHeadroomQuery } from './congestion-headroom';
import { ConnectionFlexibilityQuery } from './connection-flexibility.query';
import { SessionFlexibilityProvider } from './session-flexibility.provider';

/**
 * The default `CongestionFlexibilityProvider`: the sites behind the point (its EAN, or its
 * congestion area) that are pooled in a congestion portfolio; per portfolio the flexibility of its
 * planned sessions there (`ConnectionFlexibilityQuery`: the latest stored plan and the sessions'
 * envelopes), capped by what the portfolio's ledger still lets congestion hold
 * (`CongestionHeadroomQuery`), so an offer never sells kW that FCR, aFRR or day-ahead hold.
 * Given the request's ISPs, the sessions' figures there can all be delivered at once (see
 * `plannedSessionDeviation`'s window): the DSO may order every ISP of the offer.
 * When no site behind the point is in a congestion portfolio, the simple rule
 * (`sessions-max-power-v1`, nothing reserved) answers and the offer's inputs say so.
 */
@Injectable()
export class PlanLedgerFlexibilityProvider implements CongestionFlexibilityProvider {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionFlexibilityQuery,
    private readonly headroom: CongestionHeadroomQuery,
    private readonly fallback: SessionFlexibilityProvider,
  ) {}

  async flexibilityAt(congestionPoint: string, period: string, now?: Date, ispNumbers?: readonly number[]): Promise<CongestionFlexibility> {
    const day = DeliveryDay.of(period);
    const window = ispNumbers?.map((isp) => isp - 1);
    const area = (await this.dataSource.getRepository(UftpCongestionPointEntity).findOneBy({ entityAddress: congestionPoint }))?.congestionArea ?? null;
    const rows: { portfolio_id: string; site_ids: string[] }[] = await this.dataSource.query(
      `SELECT ps.portfolio_id, array_agg(DISTINCT g.site_id::text ORDER BY g.site_id::text) AS site_ids
         FROM grid_connections g
         JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.market = 'congestion'
        WHERE g.ean = $1 OR ($2::text IS NOT NULL AND g.congestion_area = $2)
        GROUP BY ps.portfolio_id
        ORDER BY ps.portfolio_id`,
      [eanOf(congestionPoint) ?? '', area],
    );
    if (rows.length === 0) {
      const simple = await this.fallback.flexibilityAt(congestionPoint, period);
      return { ...simple, notes: [`fallback ${simple.method}: no site behind ${congestionPoint} is in a congestion portfolio, nothing reserved`] };
    }
    const downKw = new Float64Array(day.ispCount);
    const upKw = new Float64Array(day.ispCount);
    const portfolios: PortfolioFlexibility[] = [];
    const notes: string[] = [];
    let sessionCount = 0;
    for (const row of rows) {
      const found = await this.connections.ofPortfolio(row.portfolio_id, day, row.site_ids, { now, window });
      const room = await this.headroom.of(row.portfolio_id, day);
      const sum = (pick: (c: (typeof found.connections)[number]) => Float64Array): Float64Array => {
        const total = new Float64Array(day.ispCount);
        for (const connection of found.connections) pick(connection).forEach((kw, i) => (total[i] += kw));
        return total;
      };
      const share: PortfolioFlexibility = {
        portfolioId: row.portfolio_id,
        downKw: capToHeadroom(sum((c) => c.downKw), room.downKw),
        upKw: capToHeadroom(sum((c) => c.upKw), room.upKw),
        planRunId: found.planRunId,
        method: found.method,
      };
      share.downKw.forEach((kw, i) => (downKw[i] += kw));
      share.upKw.forEach((kw, i) => (upKw[i] += kw));
      portfolios.push(share);
      sessionCount += found.connections.reduce((n, c) => n + c.sessionIds.length, 0);
      notes.push(...found.notes.map((note) => `${row.portfolio_id}: ${note}`), `${row.portfolio_id}: capped by the ledger's free kW and the congestion prequalification`);
      if (ispNumbers !== undefined) notes.push(`${row.portfolio_id}: the ${ispNumbers.length} requested ISPs together, made up outside them (only those ISPs offered)`);
    }
    const methods = [...new Set(portfolios.map((p) => p.method))];
    return { congestionPoint, period, downKw, upKw, method: `${methods.join('+')}+ledger-capped`, sessionCount, portfolios, notes };
  }
}
