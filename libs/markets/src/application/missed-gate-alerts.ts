import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MarketGate } from '../domain/calendar/market-gate';
import { MarketGateStore, MissedGateReason } from '../infrastructure/calendar/market-gate.store';
import { marketGatesMissedTotal } from './market-gate.metrics';

/**
 * The missed-gate alert (issue 5, item 2): the gate row turns `missed` and an operator-visible
 * `market_events` row is written in one transaction; after commit, an error log line and
 * `market_gates_missed_total` tell monitoring. Each gate alerts at most once.
 */
@Injectable()
export class MissedGateAlerts {
  private readonly logger = new Logger(MissedGateAlerts.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketGateStore,
  ) {}

  /** Raises the alert for one gate; false when the gate was no longer scheduled (prepared, or already missed). */
  async raise(gate: MarketGate, reason: MissedGateReason, message: string, at: Date): Promise<boolean> {
    const raised = await this.dataSource.transaction((manager) => this.store.markMissed(manager, gate, reason, message, at));
    if (raised) this.announce(gate, reason, message, at);
    return raised;
  }

  /** Alerts for every scheduled gate that closed unprepared (its job never ran, e.g. the planner was down). */
  async sweep(at: Date): Promise<MarketGate[]> {
    const message = 'the gate closed and no bid preparation ran for it';
    const missed = await this.dataSource.transaction(async (manager) => {
      const closed = await this.store.lockClosedScheduled(manager, at);
      for (const { gate } of closed) await this.store.markMissed(manager, gate, 'not-prepared-by-gate', message, at);
      return closed.map(({ gate }) => gate);
    });
    for (const gate of missed) this.announce(gate, 'not-prepared-by-gate', message, at);
    return missed;
  }

  private announce(gate: MarketGate, reason: MissedGateReason, message: string, at: Date): void {
    marketGatesMissedTotal.inc({ market: gate.market, product_code: gate.productCode, reason });
    this.logger.error({
      msg: 'market gate missed',
      alert: 'market-gate-missed',
      gateKey: gate.key,
      market: gate.market,
      productCode: gate.productCode,
      deliveryDay: gate.deliveryDay,
      gateClosureAt: gate.gateClosureAt.toISOString(),
      detectedAt: at.toISOString(),
      reason,
      detail: message,
    });
  }
}
