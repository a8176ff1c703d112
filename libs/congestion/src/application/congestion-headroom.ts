import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LedgerDayQuery } from '@vpp/flexibility';
import { Decimal, DeliveryDay, parseDecimal, PowerKw } from '@vpp/units';

/** What a portfolio's ledger still lets congestion management hold, per ISP of the day (index 0 = ISP 1), kW. */
export interface CongestionHeadroom {
  /** Consume less (ledger `up`). */
  readonly downKw: Float64Array;
  /** Consume more (ledger `down`). */
  readonly upKw: Float64Array;
}

const float = (value: Decimal): number => PowerKw.of(Decimal.max(value, new Decimal(0))).toFloat64ForOptimisation();

/**
 * The reservation ledger's free kW per cell (available from the plan minus what FCR, aFRR,
 * day-ahead and congestion already hold), and no more than the congestion prequalification
 * minus what congestion already holds there: exactly what `ReservationLedger.reserve` would accept
 * for product `congestion`, so an offer made from it can be reserved.
 */
@Injectable()
export class CongestionHeadroomQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgerDays: LedgerDayQuery,
  ) {}

  async of(portfolioId: string, day: DeliveryDay): Promise<CongestionHeadroom> {
    const view = await this.ledgerDays.view(portfolioId, day);
    const caps: { capacity_kw: string }[] = await this.dataSource.query(
      `SELECT capacity_kw FROM portfolio_prequalifications WHERE portfolio_id = $1 AND product = 'congestion'`,
      [portfolioId],
    );
    const prequalified = caps.length === 0 ? new Decimal(0) : parseDecimal(caps[0].capacity_kw);
    const downKw = new Float64Array(view.ispCount);
    const upKw = new Float64Array(view.ispCount);
    view.isps.forEach((isp, i) => {
      const room = (cell: typeof isp.up): Decimal =>
        Decimal.min(parseDecimal(cell.freeKw), prequalified.minus(parseDecimal(cell.reservedByProductKw.congestion ?? '0')));
      downKw[i] = float(room(isp.up));
      upKw[i] = float(room(isp.down));
    });
    return { downKw, upKw };
  }
}
