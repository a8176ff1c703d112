import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Decimal, DeliveryDay, EnergyKwh, Isp, PriceEurPerMwh, roundLinesToCents } from '@vpp/units';
import { priceImbalanceAdjustment, TRANSFER_PRICE_ASSUMPTION } from '../../domain/pricing/imbalance-adjustment-pricing';
import type { TransferredEnergyIsp } from '../../domain/pricing/imbalance-adjustment-pricing';
import type { SettlementBasis } from '../../domain/settlement-vocabulary';

export interface BrpImbalanceStatement {
  readonly portfolioId: string;
  readonly brpCode: string;
  readonly deliveryDay: string;
  /**
   * `priced`; `price-missing` when an ISP with a transfer has no day-ahead price yet; `not-settled`
   * while the day's statements of the portfolio are not issued (ISPs empty). Amounts are null unless priced.
   */
  readonly status: 'priced' | 'price-missing' | 'not-settled';
  readonly isps: readonly { readonly ispStart: string; readonly transferredMwh: string; readonly priceEurPerMwh: string | null; readonly amountEur: string | null; readonly basis: SettlementBasis }[];
  readonly totalEur: string | null;
  readonly assumptions: readonly string[];
}

export interface DsoFlexSettlement {
  readonly flexOrderId: string;
  readonly orderReference: string;
  readonly period: string;
  readonly price: string;
  readonly penalty: string;
  readonly netSettlement: string;
  readonly currency: string;
  readonly isps: unknown;
}

// Not activations yet: the dispatch helper's activation volumes are not readable per ISP here.
const DEVIATION_ASSUMPTION = 'ASSUMED: the whole deviation from the recorded baseline counts as transferred energy (no split by activation yet)';

/**
 * What the BRPs and DSOs of our portfolios read (issue 7 item 5): a BRP its imbalance adjustment
 * per ISP for the portfolios whose `brp_reference` is one of its party codes; a DSO the UFTP
 * FlexSettlements of its own FlexOrders (libs/congestion's records, read only).
 */
@Injectable()
export class CounterpartyStatementsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async brpImbalanceAdjustments(brpOrganisationId: string, day: DeliveryDay): Promise<BrpImbalanceStatement[]> {
    const portfolios: { id: string; code: string; bidding_zone: string }[] = await this.dataSource.query(
      `SELECT p.id, c.code, p.bidding_zone FROM portfolios p JOIN brp_party_codes c ON c.code = p.brp_reference
        WHERE c.organisation_id = $1 ORDER BY p.id`,
      [brpOrganisationId],
    );
    const statements: BrpImbalanceStatement[] = [];
    for (const portfolio of portfolios) {
      // The ISP-close runs write meter rows during the day: until the day's statements are issued,
      // what they hold is no day statement (a BRP would read a partial or empty day as priced at zero).
      if (!(await this.dayIssued(portfolio.id, day))) {
        statements.push({ portfolioId: portfolio.id, brpCode: portfolio.code, deliveryDay: day.isoDate, status: 'not-settled', isps: [], totalEur: null, assumptions: [] });
        continue;
      }
      const rows: { isp_start: Date; transferred_kwh: string; price: string | null; basis: SettlementBasis }[] = await this.dataSource.query(
        `SELECT m.isp_start, sum(m.baseline_kwh - m.charged_kwh + m.discharged_kwh)::text AS transferred_kwh, p.price_eur_per_mwh::text AS price,
                (ARRAY['measured', 'estimated', 'profile'])[max(array_position(ARRAY['measured', 'estimated', 'profile'], m.basis))] AS basis
           FROM settlement_meter_isp m
           LEFT JOIN settlement_prices p ON p.market = 'day-ahead' AND p.bidding_zone = $2 AND p.isp_start = m.isp_start
          WHERE m.portfolio_id = $1 AND m.isp_start >= $3 AND m.isp_start < $4
          GROUP BY m.isp_start, p.price_eur_per_mwh ORDER BY m.isp_start`,
        [portfolio.id, portfolio.bidding_zone, day.start, day.end],
      );
      const isps: TransferredEnergyIsp[] = rows.map((row) => ({
        isp: Isp.startingAt(row.isp_start),
        transferredMwh: EnergyKwh.fromString(row.transferred_kwh).toMwh(),
        ...(row.price === null ? {} : { dayAheadPriceEurPerMwh: PriceEurPerMwh.fromString(row.price) }),
        basis: row.basis,
      }));
      const missing = rows.some((row) => row.price === null && !EnergyKwh.fromString(row.transferred_kwh).isZero());
      const priced = missing ? [] : priceImbalanceAdjustment(isps, { kind: 'day-ahead' });
      const cents = roundLinesToCents(priced.map((line) => line.amount));
      const byStart = new Map(priced.map((line, i) => [line.period.start.getTime(), cents[i]]));
      statements.push({
        portfolioId: portfolio.id,
        brpCode: portfolio.code,
        deliveryDay: day.isoDate,
        status: missing ? 'price-missing' : 'priced',
        isps: rows.map((row) => ({
          ispStart: row.isp_start.toISOString(),
          transferredMwh: EnergyKwh.fromString(row.transferred_kwh).toMwh().value.toFixed(6),
          priceEurPerMwh: row.price,
          amountEur: missing ? null : (byStart.get(row.isp_start.getTime())?.amount.toFixed(2) ?? '0.00'),
          basis: row.basis,
        })),
        totalEur: missing ? null : cents.reduce((sum, c) => sum.plus(c.amount), new Decimal(0)).toFixed(2),
        assumptions: [TRANSFER_PRICE_ASSUMPTION, DEVIATION_ASSUMPTION],
      });
    }
    return statements;
  }

  private async dayIssued(portfolioId: string, day: DeliveryDay): Promise<boolean> {
    const rows: { issued: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM settlement_statements WHERE portfolio_id = $1 AND period_start = $2 AND period_end = $3 AND status = 'issued') AS issued`,
      [portfolioId, day.start, day.end],
    );
    return rows[0].issued;
  }

  /** FlexSettlements of the DSO's orders whose period (a local date) lies in [fromDate, toDate). */
  async dsoFlexSettlements(dsoOrganisationId: string, fromDate: string, toDate: string): Promise<DsoFlexSettlement[]> {
    const rows: { id: string; order_reference: string; period: string; price: string; penalty: string; net: string; currency: string; isps: unknown }[] = await this.dataSource.query(
      `SELECT s.flex_order_id AS id, o.order_reference, to_char(s.period, 'YYYY-MM-DD') AS period, s.price::text AS price, s.penalty::text AS penalty,
              s.net_settlement::text AS net, s.currency, s.isps
         FROM uftp_flex_settlements s JOIN uftp_flex_orders o ON o.id = s.flex_order_id JOIN uftp_participants pa ON pa.id = o.participant_id
        WHERE pa.organisation_id = $1 AND s.period >= $2::date AND s.period < $3::date ORDER BY s.period, o.order_reference`,
      [dsoOrganisationId, fromDate, toDate],
    );
    return rows.map((r) => ({ flexOrderId: r.id, orderReference: r.order_reference, period: r.period, price: r.price, penalty: r.penalty, netSettlement: r.net, currency: r.currency, isps: r.isps }));
  }
}
