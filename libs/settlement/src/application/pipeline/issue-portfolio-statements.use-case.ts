import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryDay, Isp } from '@vpp/units';
import { contractAt } from '../../domain/contract/settlement-contract';
import { countryRulesAt } from '../../domain/country/country-rules';
import { SettlementError } from '../../domain/settlement.errors';
import { DsoFlexSettlementRecorder } from '../../infrastructure/pipeline/dso-flex-settlement.recorder';
import { SettlementMeterRepository } from '../../infrastructure/pipeline/settlement-meter.repository';
import { SettlementPortfoliosReader } from '../../infrastructure/pipeline/settlement-portfolios.reader';
import { SettlementPriceRepository } from '../../infrastructure/pipeline/settlement-price.repository';
import { SettlementContractRepository } from '../../infrastructure/persistence/settlement-contract.repository';
import { SettlementCountryRuleRepository } from '../../infrastructure/persistence/settlement-country-rule.repository';
import { IssueStatementUseCase } from '../issue-statement.use-case';
import { BalancingDeliveriesLoader } from './balancing-deliveries.loader';
import { countryOfBiddingZone, dayAheadDeliveries, dayStatementInputs } from './statement-inputs.builder';
import type { DayAheadDeliveries } from './statement-inputs.builder';

export type PortfolioStatementsOutcome =
  | { readonly kind: 'settled'; readonly issued: number; readonly alreadyIssued: number; readonly fleetsWithoutContract: readonly string[] }
  | { readonly kind: 'price-missing'; readonly isps: readonly Isp[] };

/**
 * The statement stage of one portfolio and delivery day: per fleet, delivered flexibility against
 * the recorded baseline and its revenue (the core's pricing), allocation by contract and the
 * ledger (`IssueStatementUseCase`), all in the caller's transaction. A price missing for any ISP
 * with energy issues nothing and reports the ISPs, so the caller waits and alerts. A fleet without
 * a contract for the day is not settled and is reported.
 *
 * Markets: day-ahead from the meter stage; FCR, aFRR capacity and activated energy, IDCONS and the
 * BRP imbalance adjustment from the portfolio's awards and dispatch tracking against the fleet's
 * metered energy, IDCONS and UFTP orders metered behind their location (`BalancingDeliveriesLoader`);
 * each settled FlexOrder is handed to the DSO statement (`FlexSettlements.record`, once).
 */
@Injectable()
export class IssuePortfolioStatementsUseCase {
  constructor(
    private readonly portfolios: SettlementPortfoliosReader,
    private readonly meter: SettlementMeterRepository,
    private readonly prices: SettlementPriceRepository,
    private readonly contracts: SettlementContractRepository,
    private readonly countryRules: SettlementCountryRuleRepository,
    private readonly issue: IssueStatementUseCase,
    // Last and defaulted, so callers built before the balancing markets joined (the bench) still construct it.
    private readonly balancing: BalancingDeliveriesLoader = new BalancingDeliveriesLoader(),
    private readonly dso: DsoFlexSettlementRecorder = new DsoFlexSettlementRecorder(),
  ) {}

  async execute(manager: EntityManager, portfolioId: string, day: DeliveryDay, now = new Date()): Promise<PortfolioStatementsOutcome> {
    const portfolio = await this.portfolios.byId(manager, portfolioId);
    if (!portfolio) throw new SettlementError('SETTLEMENT_INPUT_INVALID', `portfolio ${portfolioId} does not exist`);
    const fleetIsps = await this.meter.fleetIsps(manager, portfolioId, day.range);
    const prices = await this.prices.dayAhead(manager, portfolio.biddingZone, day.range);
    const deliveries = new Map<string, DayAheadDeliveries>([...fleetIsps].map(([fleetId, isps]) => [fleetId, dayAheadDeliveries(isps, prices)]));
    const afrrEnergy = await this.prices.afrrEnergy(manager, portfolio.biddingZone, day.range);
    const balancing = await this.balancing.load(manager, portfolioId, day, fleetIsps, { dayAhead: prices, afrrEnergy }, now);
    const missing = uniqueIsps([...deliveries.values(), ...balancing.perFleet.values()].flatMap((d) => (d.kind === 'price-missing' ? d.isps : [])));
    if (missing.length > 0) return { kind: 'price-missing', isps: missing };

    const sessions = await this.meter.sessions(manager, portfolioId, day.range);
    const rules = countryRulesAt(await this.countryRules.allVersions(manager), countryOfBiddingZone(portfolio.biddingZone), day.start);
    let issued = 0;
    let alreadyIssued = 0;
    const fleetsWithoutContract: string[] = [];
    for (const [fleetId, delivery] of [...deliveries].sort(([a], [b]) => a.localeCompare(b))) {
      const contract = await this.contractOf(manager, fleetId, day);
      if (!contract) {
        fleetsWithoutContract.push(fleetId);
        continue;
      }
      const mtus = delivery.kind === 'priced' ? delivery.mtus : [];
      const fleetBalancing = balancing.perFleet.get(fleetId);
      const inputs = dayStatementInputs({
        portfolioId,
        fleetId,
        day,
        mtus,
        sessions: sessions.get(fleetId) ?? [],
        contract,
        countryRules: rules,
        balancing: fleetBalancing?.kind === 'priced' ? fleetBalancing.deliveries : undefined,
      });
      const { outcome } = await this.issue.execute(manager, inputs, now);
      if (outcome === 'issued') issued += 1;
      else alreadyIssued += 1;
    }
    // Only once the statements are settled: a waiting run must not hand the DSO figures yet.
    for (const [flexOrderId, delivered] of balancing.dsoSettlements) await this.dso.recordOnce(manager, flexOrderId, delivered);
    return { kind: 'settled', issued, alreadyIssued, fleetsWithoutContract };
  }

  private async contractOf(manager: EntityManager, fleetId: string, day: DeliveryDay) {
    try {
      return contractAt(await this.contracts.contractsOfFleet(manager, fleetId), fleetId, day.start);
    } catch (error) {
      if (error instanceof SettlementError && error.code === 'SETTLEMENT_CONTRACT_NOT_FOUND') return null;
      throw error;
    }
  }
}

function uniqueIsps(isps: readonly Isp[]): Isp[] {
  const byStart = new Map(isps.map((isp) => [isp.start.getTime(), isp]));
  return [...byStart.keys()].sort((a, b) => a - b).map((start) => byStart.get(start) as Isp);
}
