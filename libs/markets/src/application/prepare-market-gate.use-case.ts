import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MarketGate } from '../domain/calendar/market-gate';
import { MarketsError } from '../domain/products/markets.errors';
import { MarketGateStore } from '../infrastructure/calendar/market-gate.store';
import type { MarketGateStatus } from '../infrastructure/calendar/market-gate.entity';
import { BID_PREPARER, BidPreparer } from './bid-preparer';
import { MARKETS_CLOCK, MarketsClock } from './markets-clock';
import { MissedGateAlerts } from './missed-gate-alerts';
import { marketGatesPreparedTotal } from './market-gate.metrics';

export type PrepareMarketGateResult =
  | { readonly outcome: 'prepared'; readonly gate: MarketGate }
  | { readonly outcome: 'already-done'; readonly status: MarketGateStatus }
  | { readonly outcome: 'missed'; readonly gate: MarketGate }
  | { readonly outcome: 'failed'; readonly gate: MarketGate; readonly error: string };

/**
 * Runs one gate's bid preparation, at most once: under the gate's row lock, a gate already
 * prepared or missed is left alone; a gate whose closure has passed raises the missed-gate alert
 * instead; otherwise the `BidPreparer` runs and the gate is marked prepared in the same
 * transaction. A preparer failure is rolled back to a savepoint, counted on the gate and returned.
 */
@Injectable()
export class PrepareMarketGateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketGateStore,
    private readonly alerts: MissedGateAlerts,
    @Inject(BID_PREPARER) private readonly preparer: BidPreparer,
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
  ) {}

  async execute(gateKey: string): Promise<PrepareMarketGateResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<PrepareMarketGateResult> => {
      const stored = await this.store.lock(manager, gateKey);
      if (stored === undefined) throw new MarketsError('MARKET_GATE_NOT_FOUND', `no market gate ${gateKey}`);
      if (stored.status !== 'scheduled') return { outcome: 'already-done', status: stored.status };
      const { gate } = stored;
      const now = this.clock.now();
      if (now.getTime() >= gate.gateClosureAt.getTime()) return { outcome: 'missed', gate };
      await manager.query('SAVEPOINT bid_preparation');
      try {
        await this.preparer.prepare(gate, manager);
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT bid_preparation');
        const message = error instanceof Error ? error.message : String(error);
        await this.store.recordFailure(manager, gate.key, message);
        return { outcome: 'failed', gate, error: message };
      }
      await this.store.markPrepared(manager, gate.key, now);
      return { outcome: 'prepared', gate };
    });
    if (result.outcome === 'prepared') marketGatesPreparedTotal.inc({ market: result.gate.market, product_code: result.gate.productCode });
    if (result.outcome === 'missed') {
      const at = this.clock.now();
      await this.alerts.raise(result.gate, 'job-after-gate', `bid preparation started at ${at.toISOString()}, after the gate closed`, at);
    }
    return result;
  }
}
