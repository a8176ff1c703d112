import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryDay } from '@vpp/units';

export interface DayToRestate {
  readonly day: DeliveryDay;
  /** Epoch ms of the latest meter value received after the day's last statement: the new revision. */
  readonly revision: number;
}

/**
 * Finds settled delivery days whose meter data changed after their statements were issued
 * (a meter value received later than the day's latest statement). Each becomes a day close with
 * a new revision; the ledger then issues a new version with delta lines where money changed and
 * nothing where it did not (same inputs hash), so a repeated finding settles nothing twice.
 */
@Injectable()
export class LateMeterDataDetector {
  async daysToRestate(manager: EntityManager, since: Date): Promise<DayToRestate[]> {
    const days: { period_start: Date; period_end: Date; issued_at: Date }[] = await manager.query(
      `SELECT period_start, period_end, max(issued_at) AS issued_at FROM settlement_statements
        WHERE status = 'issued' AND period_start >= $1 GROUP BY period_start, period_end ORDER BY period_start`,
      [since],
    );
    const found: DayToRestate[] = [];
    for (const row of days) {
      const [latest]: { received_at: Date | null }[] = await manager.query(
        `SELECT max(received_at) AS received_at FROM meter_values WHERE measured_at >= $1 AND measured_at < $2`,
        [row.period_start, row.period_end],
      );
      if (latest.received_at !== null && latest.received_at.getTime() > row.issued_at.getTime()) {
        const day = DeliveryDay.containing(row.period_start);
        if (day.start.getTime() === row.period_start.getTime() && day.end.getTime() === row.period_end.getTime()) {
          found.push({ day, revision: latest.received_at.getTime() });
        }
      }
    }
    return found;
  }
}
