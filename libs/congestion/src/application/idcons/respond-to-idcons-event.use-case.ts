import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DayAheadPriceBook } from '@vpp/flexibility/application/planning/day-ahead-price-book';
import { CongestionEventOutcome, CounterpartyUnavailableError, SubmitCongestionEventUseCase } from '@vpp/markets';
import type { Isp } from '@vpp/units';
import { CongestionError } from '../../domain/congestion.errors';
import { eventConnections, eventIsps, IdconsEvent } from '../../domain/idcons-event';
import { CongestionHeadroomQuery } from '../congestion-headroom';
import { ConnectionFlexibilityQuery } from '../connection-flexibility.query';

export interface IdconsEventAnswer extends CongestionEventOutcome {
  readonly portfolioId: string;
  readonly flexibilityMethod: string;
  readonly planRunId: string | null;
}

/**
 * A congestion event on GOPACS IDCONS, answered end to end: the connections inside the area
 * (the point's EAN, or every connection of its congestion area), every congestion portfolio with a
 * site there, and per portfolio the flexibility of all its connections (inside: the requested
 * direction; outside: the opposite, for the pair) from its stored plan
 * (`ConnectionFlexibilityQuery`), scaled into its ledger headroom (`eventConnections`), priced
 * from the day-ahead price of each ISP (the files the planner uses), then built, reserved,
 * submitted to the trading platform and later collected as awards (`SubmitCongestionEventUseCase`).
 */
@Injectable()
export class RespondToIdconsEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionFlexibilityQuery,
    private readonly headroom: CongestionHeadroomQuery,
    private readonly prices: DayAheadPriceBook,
    private readonly submit: SubmitCongestionEventUseCase,
  ) {}

  async execute(event: IdconsEvent, now = new Date()): Promise<IdconsEventAnswer[]> {
    const { day, isps, firstIndex } = eventIsps(event);
    const priceOf = new Map<number, number>();
    for (const isp of isps) {
      const price = this.prices.priceAt(isp);
      if (price === undefined) throw new CongestionError('IDCONS_NO_PRICE', `no day-ahead price known for ${isp.start.toISOString()}: orders are priced from it`);
      priceOf.set(isp.start.getTime(), price);
    }
    const area: { ean: string; portfolio_id: string | null }[] = await this.dataSource.query(
      `SELECT g.ean, ps.portfolio_id
         FROM grid_connections g
         LEFT JOIN portfolio_sites ps ON ps.site_id = g.site_id AND ps.market = 'congestion'
        WHERE g.ean = $1 OR ($2::text IS NOT NULL AND g.congestion_area = $2)`,
      [event.congestionPointEan, event.congestionArea],
    );
    const portfolioIds = [...new Set(area.flatMap((row) => (row.portfolio_id === null ? [] : [row.portfolio_id])))].sort();
    if (portfolioIds.length === 0) {
      throw new CongestionError('IDCONS_NO_PORTFOLIO', `no congestion portfolio has a site at ${event.congestionPointEan}${event.congestionArea ? ` or in area ${event.congestionArea}` : ''}`);
    }
    const areaEans = new Set(area.map((row) => row.ean));
    const answers: IdconsEventAnswer[] = [];
    // The event's ISPs are ordered together: the connections' flexibility must hold in all at once.
    const window = isps.map((_, k) => firstIndex + k);
    for (const portfolioId of portfolioIds) {
      const found = await this.connections.ofPortfolio(portfolioId, day, null, { now, window });
      const room = await this.headroom.of(portfolioId, day);
      try {
        const outcome = await this.submit.execute({
          eventId: event.eventId,
          portfolioId,
          request: {
            id: event.eventId,
            congestionPointEan: event.congestionPointEan,
            areaEans,
            isps,
            insideDirection: event.direction === 'consume-less' ? 'sell' : 'buy',
            requestedMw: event.requestedMw,
          },
          connections: eventConnections(found.connections, room, firstIndex, isps.length),
          priceEurPerMwh: (isp: Isp) => priceOf.get(isp.start.getTime()) ?? Number.NaN,
          knownAt: found.planKnownAt ?? now,
          builtFrom: {
            source: 'idcons-event',
            flexibilityMethod: found.method,
            planRunId: found.planRunId,
            notes: [...found.notes, 'connections scaled into the ledger headroom for congestion', `day-ahead prices from the planner's files (${day.isoDate})`],
          },
        });
        answers.push({ ...outcome, portfolioId, flexibilityMethod: found.method, planRunId: found.planRunId });
      } catch (error) {
        if (error instanceof CounterpartyUnavailableError) throw new CongestionError('IDCONS_PLATFORM_UNAVAILABLE', `${error.message}; nothing was stored, announce the event again`);
        throw error;
      }
    }
    return answers;
  }
}
