import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { JobName, enqueueInTransaction } from '@vpp/queues';
import { DeliveryDay } from '@vpp/units';
import { computeMarketCalendar } from '../domain/calendar/compute-market-calendar';
import type { MarketGate } from '../domain/calendar/market-gate';
import { MarketGateStore } from '../infrastructure/calendar/market-gate.store';
import { MarketProductCatalog } from './market-product-catalog';
import { MissedGateAlerts } from './missed-gate-alerts';

export interface MarketCalendarPlan {
  readonly planned: number;
  readonly alreadyPlanned: number;
  /** Scheduled gates found closed and unprepared (alerted). */
  readonly missed: number;
}

/**
 * Plans the gates of the given delivery days (default: today and the horizon days, Europe/Amsterdam)
 * that still close after `now`: one `market_gates` row per (market, product, delivery period) and
 * one `bidding.prepare-market-gate` job through the outbox, due at prepare-at. Idempotent: a gate
 * planned before is left alone, so running it twice plans nothing new. Also raises the missed-gate
 * alert for scheduled gates that closed unprepared.
 */
@Injectable()
export class PlanMarketCalendarUseCase {
  private readonly logger = new Logger(PlanMarketCalendarUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: MarketProductCatalog,
    private readonly store: MarketGateStore,
    private readonly alerts: MissedGateAlerts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(now: Date, days?: readonly DeliveryDay[]): Promise<MarketCalendarPlan> {
    const versions = await this.catalog.versions();
    const { gateSafetyMarginMinutes, calendarHorizonDays } = this.config.markets;
    const today = DeliveryDay.containing(now);
    const planDays = days ?? Array.from({ length: calendarHorizonDays + 1 }, (_, i) => today.plusDays(i));
    const gates = planDays.flatMap((day) => computeMarketCalendar(versions, day, gateSafetyMarginMinutes)).filter((g) => g.gateClosureAt.getTime() > now.getTime());
    const planned = await this.dataSource.transaction(async (manager) => {
      let inserted = 0;
      for (const gate of gates) {
        if (!(await this.store.insertPlanned(manager, gate, now))) continue;
        await enqueueInTransaction(manager, prepareJob(gate, now));
        inserted += 1;
      }
      return inserted;
    });
    const missed = await this.alerts.sweep(now);
    const plan = { planned, alreadyPlanned: gates.length - planned, missed: missed.length };
    this.logger.log({ msg: 'market calendar planned', days: planDays.map(String), ...plan });
    return plan;
  }
}

function prepareJob(gate: MarketGate, now: Date) {
  return {
    name: JobName.PrepareMarketGate,
    payload: { schemaVersion: 1 as const, correlationId: `market-calendar.${gate.deliveryDay}`, idempotencyKey: gate.key, gateKey: gate.key, round: '1' },
    delayMs: Math.max(0, gate.prepareAt.getTime() - now.getTime()),
  };
}
