import { Money, roundLinesToCents, TimeRange } from '@vpp/units';
import { allocationDemands } from '../allocation/allocation-demand';
import type { AllocatedLine, Shortfall } from '../allocation/waterfall';
import { runWaterfall } from '../allocation/waterfall';
import { usageTotals } from '../contract/session-usage';
import { contractAt, validateContract } from '../contract/settlement-contract';
import { chargingCharges, dischargeCountryCost } from '../country/charging-charges';
import { countryRuleAssumptions } from '../country/country-rules';
import type { PricedLine } from '../pricing/priced-line';
import { sumOfLines } from '../pricing/priced-line';
import { priceMarkets } from '../pricing/price-markets';
import { SettlementError } from '../settlement.errors';
import type { Stakeholder } from '../settlement-vocabulary';
import { unionOfAssumptions, weakestBasis } from '../settlement-vocabulary';
import type { StatementInputs } from './statement-inputs';
import type { StatementLine } from './statement-line';
import { lineKey, statementQuantity } from './statement-line';

export interface StatementDraft {
  readonly portfolioId: string;
  readonly fleetId: string;
  readonly period: TimeRange;
  /** Revenue, then allocation (waterfall order), then charges. */
  readonly lines: readonly StatementLine[];
  /** The revenue lines' sum, which the allocation lines sum to as well (whole cents). */
  readonly netRevenue: Money;
  readonly shortfalls: readonly Shortfall[];
}

/**
 * A fleet's statement for a period (issue 7 items 2-3): market lines priced and rounded to cents
 * once each (running-total rounding, so they sum to the rounded exact total), allocated through
 * the contract's waterfall, plus the country charges on the fleet's charging.
 */
export function computeStatement(inputs: StatementInputs): StatementDraft {
  const contract = validateContract(contractAt([inputs.contract], inputs.fleetId, inputs.period.start));
  const priced = mergeByKey(priceMarkets(inputs.deliveries), inputs.period);
  const totals = usageTotals(inputs.sessions);
  const waterfall = runWaterfall(
    sumOfLines(priced),
    allocationDemands({
      contract,
      sessions: inputs.sessions,
      monthsInPeriod: inputs.monthsInPeriod,
      dischargeCountryCost: dischargeCountryCost(inputs.countryRules, totals.dischargedKwh),
      dischargeCountryAssumptions: countryRuleAssumptions(inputs.countryRules, ['dischargeTaxedTwice', 'energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'feedInCompensationEurPerKwh']),
    }),
    contract,
  );
  return {
    portfolioId: inputs.portfolioId,
    fleetId: inputs.fleetId,
    period: inputs.period,
    lines: [
      ...revenueLines(priced, { role: 'aggregator', partyRef: contract.aggregatorRef }),
      ...allocationLines(waterfall.lines, priced, inputs),
      ...chargeLines(inputs, { role: 'fleet-owner', partyRef: contract.vehicleOwnerRef }),
    ],
    netRevenue: waterfall.totalCents,
    shortfalls: waterfall.shortfalls,
  };
}

function revenueLines(priced: readonly PricedLine[], aggregator: Stakeholder): StatementLine[] {
  const cents = roundLinesToCents(priced.map((line) => line.amount));
  return priced.map((line, i) => ({
    section: 'revenue',
    stakeholder: aggregator,
    market: line.market,
    kind: line.kind,
    period: line.period,
    amount: cents[i],
    quantity: statementQuantity(line.quantity),
    unit: line.unit,
    basis: line.basis,
    assumptions: [...line.assumptions],
  }));
}

// Allocation lines rest on all revenue, so they carry its weakest basis and all its assumptions.
function allocationLines(allocated: readonly AllocatedLine[], priced: readonly PricedLine[], inputs: StatementInputs): StatementLine[] {
  const basis = weakestBasis([...priced.map((line) => line.basis), ...inputs.sessions.map((s) => s.basis)]);
  const revenueAssumptions = unionOfAssumptions(...priced.map((line) => line.assumptions));
  return allocated.map((line) => ({
    section: 'allocation',
    stakeholder: line.payee,
    market: 'portfolio',
    kind: line.kind,
    period: inputs.period,
    amount: line.amount,
    quantity: statementQuantity(line.quantity),
    unit: line.unit,
    basis,
    assumptions: unionOfAssumptions(revenueAssumptions, line.assumptions),
  }));
}

function chargeLines(inputs: StatementInputs, owner: Stakeholder): StatementLine[] {
  const totals = usageTotals(inputs.sessions);
  const charges = chargingCharges(inputs.countryRules, totals.chargedKwh, totals.dischargedKwh);
  const cents = roundLinesToCents(charges.map((charge) => charge.amount));
  const basis = weakestBasis(inputs.sessions.map((s) => s.basis));
  return charges.map((charge, i) => ({
    section: 'charges',
    stakeholder: owner,
    market: 'charging',
    kind: charge.kind,
    period: inputs.period,
    amount: cents[i],
    quantity: statementQuantity(charge.quantityKwh),
    unit: 'kWh',
    basis,
    assumptions: [...charge.assumptions],
  }));
}

// Two orders in one ISP price to one line per (market, kind, period); lines outside the period are refused.
function mergeByKey(lines: readonly PricedLine[], period: TimeRange): PricedLine[] {
  const merged = new Map<string, PricedLine>();
  for (const line of lines) {
    if (!period.encloses(line.period)) {
      throw new SettlementError('SETTLEMENT_INPUT_INVALID', `${line.kind} ${line.period.toString()} lies outside the statement period ${period.toString()}`);
    }
    const key = lineKey({ section: 'revenue', stakeholder: { role: 'aggregator', partyRef: '' }, ...line });
    const seen = merged.get(key);
    merged.set(
      key,
      seen
        ? {
            ...seen,
            amount: seen.amount.add(line.amount),
            quantity: seen.quantity.plus(line.quantity),
            basis: weakestBasis([seen.basis, line.basis]),
            assumptions: unionOfAssumptions(seen.assumptions, line.assumptions),
          }
        : line,
    );
  }
  return [...merged.values()];
}
