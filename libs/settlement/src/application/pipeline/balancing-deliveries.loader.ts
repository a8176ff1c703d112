import { Injectable } from '@nestjs/common';
import type { DeliveredFlex } from '@vpp/congestion/domain/flex-settlement';
import type { EntityManager } from 'typeorm';
import { Decimal, DeliveryDay, Isp } from '@vpp/units';
import { fleetMarketDeliveries } from '../../domain/delivery/fleet-market-deliveries';
import type { FleetDeliveries } from '../../domain/delivery/fleet-market-deliveries';
import { fleetShares } from '../../domain/delivery/fleet-share';
import { locatedDeliveries, portfolioIsps } from '../../domain/delivery/located-share';
import type { LocatedDelivery, MeteredIsp } from '../../domain/delivery/settled-inputs';
import { SettlementMarketInputsReader } from '../../infrastructure/pipeline/settlement-market-inputs.reader';
import { dsoFlexSettlement } from './dso-flex-settlement';

export interface BalancingDeliveries {
  /** Per fleet: FCR, aFRR, IDCONS, UFTP and the imbalance adjustment, or the ISPs still without a price. */
  readonly perFleet: ReadonlyMap<string, FleetDeliveries>;
  /** Per FlexOrder id: what the DSO's FlexOrderSettlement says. */
  readonly dsoSettlements: ReadonlyMap<string, DeliveredFlex>;
}

/**
 * Resolves a portfolio's awards, tracked activations and FlexOrders of a delivery day into each
 * fleet's deliveries: the portfolio's awards split by `fleetShares`; orders with a location (an
 * IDCONS connection, a UFTP congestion point) metered on the sessions there and split by
 * `locatedDeliveries`. One meter query per distinct set of sites.
 */
@Injectable()
export class BalancingDeliveriesLoader {
  constructor(private readonly inputs: SettlementMarketInputsReader = new SettlementMarketInputsReader()) {}

  async load(
    manager: EntityManager,
    portfolioId: string,
    day: DeliveryDay,
    fleetIsps: ReadonlyMap<string, readonly MeteredIsp[]>,
    prices: { readonly dayAhead: ReadonlyMap<number, Decimal>; readonly afrrEnergy: ReadonlyMap<string, Decimal> },
    knownAt: Date,
  ): Promise<BalancingDeliveries> {
    const awards = await this.inputs.awards(manager, portfolioId, day.range);
    const tracking = await this.inputs.tracking(manager, portfolioId, day.range);
    const flexOrders = await this.inputs.flexOrders(manager, portfolioId, day);
    const shares = fleetShares(fleetIsps);

    const behindBySites = new Map<string, Map<string, MeteredIsp[]>>();
    const behind = async (siteIds: readonly string[]): Promise<Map<string, MeteredIsp[]>> => {
      const key = siteIds.join(',');
      const cached = behindBySites.get(key) ?? (await this.inputs.meterAt(manager, portfolioId, day.range, siteIds));
      behindBySites.set(key, cached);
      return cached;
    };
    const located = new Map<string, Map<string, LocatedDelivery>>([...fleetIsps.keys()].map((fleetId) => [fleetId, new Map()]));
    const locate = (key: string, at: ReadonlyMap<string, readonly MeteredIsp[]>, ispStarts: readonly Date[]): void => {
      for (const [fleetId, delivery] of locatedDeliveries(at, new Set(ispStarts.map((d) => d.getTime())), shares)) located.get(fleetId)?.set(key, delivery);
    };

    for (const { item, siteIds } of awards) {
      if (item.market !== 'idcons' || siteIds.length === 0) continue;
      locate(item.id, await behind(siteIds), [Isp.startingAt(item.period.start).start]);
    }
    const dsoSettlements = new Map<string, DeliveredFlex>();
    for (const { item, siteIds } of flexOrders) {
      const at = await behind(siteIds);
      locate(
        item.id,
        at,
        item.isps.map((entry) => entry.ispStart),
      );
      dsoSettlements.set(item.id, dsoFlexSettlement(item, portfolioIsps(at), day, knownAt));
    }

    const perFleet = new Map<string, FleetDeliveries>(
      [...fleetIsps].map(([fleetId, isps]) => [
        fleetId,
        fleetMarketDeliveries({
          awards: awards.map((a) => a.item),
          tracking,
          fleetIsps: isps,
          fleetShare: shares.get(fleetId) ?? new Decimal(0),
          dayAheadPrices: prices.dayAhead,
          afrrEnergyPrices: prices.afrrEnergy,
          flexOrders: flexOrders.map((o) => o.item),
          located: located.get(fleetId),
        }),
      ]),
    );
    return { perFleet, dsoSettlements };
  }
}
