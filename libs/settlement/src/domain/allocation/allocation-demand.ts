import { Decimal, Money } from '@vpp/units';
import type { ContractTerm, ContractTermKind, SettlementContract } from '../contract/settlement-contract';
import type { SessionUsage } from '../contract/session-usage';
import type { Stakeholder } from '../settlement-vocabulary';

/**
 * The waterfall order (issue 7 item 3), paid from the period's net market revenue:
 * 1. discharge compensation to the vehicle owner: battery wear per kWh discharged, and the
 *    country charges discharging caused (double taxation less feed-in compensation);
 * 2. CPO fees; 3. fixed fees; 4. driver rewards; 5. what is left, split by revenue shares.
 * Compensation for wear comes first because the owner carries it whether or not the market paid
 * well; driver rewards come after the parties whose infrastructure made delivery possible.
 */
export const WATERFALL_STEPS = ['discharge-compensation', 'cpo-fees', 'fixed-fees', 'driver-rewards', 'revenue-shares'] as const;
export type WaterfallStep = (typeof WATERFALL_STEPS)[number];

/** An amount a contract term claims in steps 1-4, before the waterfall caps it. Exact, never negative. */
export interface AllocationDemand {
  readonly step: Exclude<WaterfallStep, 'revenue-shares'>;
  readonly kind: string;
  readonly payee: Stakeholder;
  readonly amount: Money;
  readonly quantity: Decimal;
  readonly unit: string;
  readonly assumptions: readonly string[];
}

const STEP_OF: Record<Exclude<ContractTermKind, 'revenue-share'>, AllocationDemand['step']> = {
  'battery-wear': 'discharge-compensation',
  'cpo-fee-per-session': 'cpo-fees',
  'cpo-fee-per-kwh': 'cpo-fees',
  'fixed-fee-per-session': 'fixed-fees',
  'fixed-fee-per-month': 'fixed-fees',
  'driver-reward-per-plugged-hour': 'driver-rewards',
  'driver-reward-per-kwh-shifted': 'driver-rewards',
};

export interface DemandContext {
  readonly contract: SettlementContract;
  readonly sessions: readonly SessionUsage[];
  /** Months the period covers, for monthly fees: 1 for a month, 1/days-in-month for one day. */
  readonly monthsInPeriod: Decimal;
  /** Step 1 country cost of discharging (see `dischargeCountryCost`) and the labels it used. */
  readonly dischargeCountryCost: Money;
  readonly dischargeCountryAssumptions: readonly string[];
}

/** Every demand of steps 1-4, one per (step, kind, payee), in waterfall order. */
export function allocationDemands(context: DemandContext): AllocationDemand[] {
  const demands: AllocationDemand[] = [];
  const owner: Stakeholder = { role: 'fleet-owner', partyRef: context.contract.vehicleOwnerRef };
  if (!context.dischargeCountryCost.isZero()) {
    const dischargedKwh = context.sessions.reduce((sum, s) => sum.plus(s.dischargedKwh.value), new Decimal(0));
    demands.push({
      step: 'discharge-compensation',
      kind: 'discharge-country-charges',
      payee: owner,
      amount: context.dischargeCountryCost,
      quantity: dischargedKwh,
      unit: 'kWh',
      assumptions: [...context.dischargeCountryAssumptions],
    });
  }
  for (const term of context.contract.terms) {
    if (term.kind === 'revenue-share') continue;
    demands.push(...termDemands(term, term.kind, context));
  }
  const order = (d: AllocationDemand): number => WATERFALL_STEPS.indexOf(d.step);
  return mergeByPayee(demands).sort((a, b) => order(a) - order(b));
}

function termDemands(term: ContractTerm, kind: Exclude<ContractTermKind, 'revenue-share'>, context: DemandContext): AllocationDemand[] {
  const step = STEP_OF[kind];
  const demand = (payee: Stakeholder, quantity: Decimal, unit: string): AllocationDemand => ({
    step,
    kind,
    payee,
    amount: Money.eur(quantity.times(term.rate)),
    quantity,
    unit,
    assumptions: [],
  });
  const sum = (pick: (s: SessionUsage) => Decimal, sessions = context.sessions): Decimal =>
    sessions.reduce((total, s) => total.plus(pick(s)), new Decimal(0));
  switch (kind) {
    case 'battery-wear':
      return [demand(term.payee!, sum((s) => s.dischargedKwh.value), 'kWh')];
    case 'cpo-fee-per-kwh':
      return [demand(term.payee!, sum((s) => s.chargedKwh.value), 'kWh')];
    case 'cpo-fee-per-session':
    case 'fixed-fee-per-session':
      return [demand(term.payee!, new Decimal(context.sessions.length), 'session')];
    case 'fixed-fee-per-month':
      return [demand(term.payee!, context.monthsInPeriod, 'month')];
    case 'driver-reward-per-plugged-hour':
    case 'driver-reward-per-kwh-shifted': {
      const pick = kind === 'driver-reward-per-plugged-hour' ? (s: SessionUsage) => s.pluggedInHours : (s: SessionUsage) => s.shiftedKwh.value;
      const drivers = [...new Set(context.sessions.flatMap((s) => (s.driverRef === null ? [] : [s.driverRef])))].sort();
      return drivers.map((driverRef) =>
        demand(
          { role: 'driver', partyRef: driverRef },
          sum(pick, context.sessions.filter((s) => s.driverRef === driverRef)),
          kind === 'driver-reward-per-plugged-hour' ? 'h' : 'kWh',
        ),
      );
    }
  }
}

// Two terms of one kind to one payee (e.g. two CPO fee lines) become one statement line.
function mergeByPayee(demands: readonly AllocationDemand[]): AllocationDemand[] {
  const merged = new Map<string, AllocationDemand>();
  for (const d of demands) {
    const key = `${d.step}|${d.kind}|${d.payee.role}|${d.payee.partyRef}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, amount: seen.amount.add(d.amount), quantity: seen.quantity.plus(d.quantity) } : d);
  }
  return [...merged.values()].filter((d) => !d.amount.isZero());
}
