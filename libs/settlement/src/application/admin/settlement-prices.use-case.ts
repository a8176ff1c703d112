import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, type TenantScope } from '@vpp/access';
import { Decimal, type DeliveryDay } from '@vpp/units';
import { settlementDayPrices, type PublishedPrice, type SettlementPriceMarket } from '../../domain/pricing/settlement-day-prices';
import { SettlementError } from '../../domain/settlement.errors';
import { enqueueCloseDay } from '../pipeline/enqueue-close-day';

export interface SettlementDayPricesView {
  readonly market: SettlementPriceMarket;
  readonly biddingZone: string;
  readonly deliveryDay: string;
  readonly source: string | null;
  readonly isps: readonly { readonly ispStart: string; readonly priceEurPerMwh: string }[];
}

export interface PutSettlementPricesOutcome extends SettlementDayPricesView {
  /** `created` (the day had no prices), `replaced` (other prices or source), `unchanged` (the same again: nothing written). */
  readonly status: 'created' | 'replaced' | 'unchanged';
  readonly resolutionMinutes: 15 | 60;
  /** Set when the day had issued statements and its prices changed: the close-day job enqueued under this new revision restates it. */
  readonly restatement: { readonly revision: string; readonly statementsAffected: number } | null;
}

interface StoredPrice {
  isp_start: Date;
  price: string;
  source: string;
}

/**
 * Operators put a delivery day's settlement prices for one market and bidding zone (issue 7):
 * every ISP of the day exactly once (or every hour, each hour's price on its four ISPs), replacing
 * whatever the day held in one transaction, with the source recorded on every row and the change
 * audited in the operator's own log. Requests for the same day serialise on an advisory lock.
 *
 * A day already settled (issued statements of a portfolio in the zone) whose prices change is
 * restated: a `settlement.close-day` job under a new revision (the replacement instant, epoch ms)
 * goes into the outbox in the same transaction, and the pipeline issues a new statement version
 * with delta lines where money changed (`restatementLines`), nothing where it did not. The same
 * prices again change nothing and enqueue nothing.
 */
@Injectable()
export class SettlementPricesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async put(scope: TenantScope, market: SettlementPriceMarket, biddingZone: string, day: DeliveryDay, published: readonly PublishedPrice[], source: string, now: Date): Promise<PutSettlementPricesOutcome> {
    const prices = settlementDayPrices(day, published);
    if (!prices.ok) throw new SettlementError('SETTLEMENT_PRICES_INVALID', prices.problems.join('; '));
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`settlement_prices:${market}:${biddingZone}:${day.isoDate}`]);
      const stored: StoredPrice[] = await manager.query(
        `SELECT isp_start, price_eur_per_mwh::text AS price, source FROM settlement_prices
          WHERE market = $1 AND bidding_zone = $2 AND isp_start >= $3 AND isp_start < $4 ORDER BY isp_start`,
        [market, biddingZone, day.start, day.end],
      );
      const byStart = new Map(stored.map((row) => [row.isp_start.getTime(), row]));
      const unchanged =
        stored.length === prices.isps.length &&
        prices.isps.every((p) => {
          const row = byStart.get(p.isp.start.getTime());
          return row !== undefined && row.source === source && new Decimal(row.price).equals(p.priceEurPerMwh);
        });
      const view = (status: PutSettlementPricesOutcome['status'], restatement: PutSettlementPricesOutcome['restatement']): PutSettlementPricesOutcome => ({
        market,
        biddingZone,
        deliveryDay: day.isoDate,
        source,
        status,
        resolutionMinutes: prices.resolutionMinutes,
        restatement,
        isps: prices.isps.map((p) => ({ ispStart: p.isp.start.toISOString(), priceEurPerMwh: p.priceEurPerMwh.toFixed() })),
      });
      if (unchanged) return view('unchanged', null);

      await manager.query(`DELETE FROM settlement_prices WHERE market = $1 AND bidding_zone = $2 AND isp_start >= $3 AND isp_start < $4`, [market, biddingZone, day.start, day.end]);
      await manager.query(
        `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
         SELECT $1, $2, t, p, $3 FROM unnest($4::timestamptz[], $5::numeric[]) AS u(t, p)`,
        [market, biddingZone, source, prices.isps.map((p) => p.isp.start), prices.isps.map((p) => p.priceEurPerMwh.toFixed())],
      );
      const moneyChanged = stored.length > 0 && (stored.length !== prices.isps.length || prices.isps.some((p) => !byStart.get(p.isp.start.getTime()) || !new Decimal((byStart.get(p.isp.start.getTime()) as StoredPrice).price).equals(p.priceEurPerMwh)));
      const [settled]: { n: string }[] = await manager.query(
        `SELECT count(*)::text AS n FROM settlement_statements s JOIN portfolios p ON p.id = s.portfolio_id
          WHERE s.status = 'issued' AND p.bidding_zone = $1 AND s.period_start = $2 AND s.period_end = $3`,
        [biddingZone, day.start, day.end],
      );
      const statementsAffected = Number.parseInt(settled.n, 10);
      let restatement: PutSettlementPricesOutcome['restatement'] = null;
      if (moneyChanged && statementsAffected > 0) {
        const revision = now.getTime();
        await enqueueCloseDay(manager, day, revision);
        restatement = { revision: String(revision), statementsAffected };
      }
      const outcome = view(stored.length === 0 ? 'created' : 'replaced', restatement);
      const summary = (rows: readonly { start: Date; price: string }[]) => rows.map((r) => `${r.start.toISOString()}=${r.price}`);
      await this.auditLog.append(
        manager,
        auditRecord(scope, {
          action: 'settlement_prices.replace_day',
          entityType: 'settlement_prices',
          entityId: `${market}/${biddingZone}/${day.isoDate}`,
          before: stored.length === 0 ? null : { sources: [...new Set(stored.map((r) => r.source))], prices: summary(stored.map((r) => ({ start: r.isp_start, price: r.price }))) },
          after: {
            source,
            prices: summary(prices.isps.map((p) => ({ start: p.isp.start, price: p.priceEurPerMwh.toFixed() }))),
            restatementRevision: restatement?.revision ?? null,
          },
        }),
      );
      return outcome;
    });
  }

  async get(market: SettlementPriceMarket, biddingZone: string, day: DeliveryDay): Promise<SettlementDayPricesView> {
    const stored: StoredPrice[] = await this.dataSource.query(
      `SELECT isp_start, price_eur_per_mwh::text AS price, source FROM settlement_prices
        WHERE market = $1 AND bidding_zone = $2 AND isp_start >= $3 AND isp_start < $4 ORDER BY isp_start`,
      [market, biddingZone, day.start, day.end],
    );
    const sources = [...new Set(stored.map((row) => row.source))];
    return {
      market,
      biddingZone,
      deliveryDay: day.isoDate,
      source: sources.length === 1 ? sources[0] : sources.length === 0 ? null : sources.join(' | '),
      isps: stored.map((row) => ({ ispStart: row.isp_start.toISOString(), priceEurPerMwh: new Decimal(row.price).toFixed() })),
    };
  }
}
