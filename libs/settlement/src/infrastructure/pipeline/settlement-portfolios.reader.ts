import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface SettledPortfolio {
  readonly id: string;
  readonly biddingZone: string;
}

/**
 * The portfolios settlement fans out over, read straight from libs/flexibility's table: the
 * pipeline needs ids and the bidding zone only, and a read in the job's own transaction keeps
 * the fan-out consistent with what it enqueues.
 */
@Injectable()
export class SettlementPortfoliosReader {
  async all(manager: EntityManager): Promise<SettledPortfolio[]> {
    const rows: { id: string; bidding_zone: string }[] = await manager.query(`SELECT id, bidding_zone FROM portfolios ORDER BY id`);
    return rows.map((row) => ({ id: row.id, biddingZone: row.bidding_zone }));
  }

  async byId(manager: EntityManager, id: string): Promise<SettledPortfolio | null> {
    const rows: { id: string; bidding_zone: string }[] = await manager.query(`SELECT id, bidding_zone FROM portfolios WHERE id = $1`, [id]);
    return rows.length === 0 ? null : { id: rows[0].id, biddingZone: rows[0].bidding_zone };
  }
}
