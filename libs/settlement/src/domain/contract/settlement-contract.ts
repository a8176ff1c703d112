import { Decimal } from '@vpp/units';
import { SettlementError } from '../settlement.errors';
import type { Stakeholder } from '../settlement-vocabulary';

/**
 * The kinds of contract term and the unit of their `rate`:
 * - `battery-wear`: EUR per kWh discharged, to the payee (the vehicle owner);
 * - `cpo-fee-per-session`: EUR per session; `cpo-fee-per-kwh`: EUR per kWh charged;
 * - `fixed-fee-per-session`: EUR per session; `fixed-fee-per-month`: EUR per month of the period;
 * - `driver-reward-per-plugged-hour`: EUR per plugged-in hour, to each session's driver (no payee);
 * - `driver-reward-per-kwh-shifted`: EUR per kWh shifted, to each session's driver (no payee);
 * - `revenue-share`: a weight (usually percent) of what is left after fees and rewards; the
 *   remainder is split in proportion to the weights, so 1:1:1 gives equal thirds.
 */
export const CONTRACT_TERM_KINDS = [
  'battery-wear',
  'cpo-fee-per-session',
  'cpo-fee-per-kwh',
  'fixed-fee-per-session',
  'fixed-fee-per-month',
  'driver-reward-per-plugged-hour',
  'driver-reward-per-kwh-shifted',
  'revenue-share',
] as const;
export type ContractTermKind = (typeof CONTRACT_TERM_KINDS)[number];

const DRIVER_REWARDS: readonly ContractTermKind[] = ['driver-reward-per-plugged-hour', 'driver-reward-per-kwh-shifted'];

export interface ContractTerm {
  readonly kind: ContractTermKind;
  /** Who is paid; null only for driver rewards, which go to each session's driver. */
  readonly payee: Stakeholder | null;
  readonly rate: Decimal;
}

/** A fleet's revenue-sharing contract, effective-dated (validFrom inclusive, validTo exclusive). */
export interface SettlementContract {
  readonly id: string;
  readonly fleetId: string;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  /** The aggregator (BSP/CSP) that receives the market money. */
  readonly aggregatorRef: string;
  /** The fleet owner: owner of the vehicles, bearer of the charging charges. */
  readonly vehicleOwnerRef: string;
  readonly terms: readonly ContractTerm[];
}

/**
 * Refuses a contract that cannot be settled: negative rates, a payee missing or misplaced, a CPO
 * fee to someone other than a CPO, no positive revenue share, or two shares for one payee.
 */
export function validateContract(contract: SettlementContract): SettlementContract {
  const invalid = (why: string): never => {
    throw new SettlementError('SETTLEMENT_CONTRACT_INVALID', `contract ${contract.id}: ${why}`);
  };
  if (contract.validTo !== null && contract.validTo.getTime() <= contract.validFrom.getTime()) invalid('validTo must be after validFrom');
  for (const term of contract.terms) {
    if (term.rate.isNegative()) invalid(`${term.kind} has a negative rate`);
    const isReward = DRIVER_REWARDS.includes(term.kind);
    if (isReward !== (term.payee === null)) invalid(`${term.kind} ${isReward ? 'pays each session driver, not a named payee' : 'needs a payee'}`);
    if (term.kind.startsWith('cpo-fee') && term.payee?.role !== 'cpo') invalid(`${term.kind} must be paid to a CPO`);
  }
  const shares = contract.terms.filter((term) => term.kind === 'revenue-share');
  const total = shares.reduce((sum, term) => sum.plus(term.rate), new Decimal(0));
  if (shares.length === 0 || !total.isPositive()) invalid('at least one revenue share with a positive weight is needed');
  const payees = shares.map((term) => `${term.payee?.role}|${term.payee?.partyRef}`);
  if (new Set(payees).size !== payees.length) invalid('one revenue share per payee');
  return contract;
}

/**
 * The fleet's contract in force at `at`.
 *
 * @throws SettlementError `SETTLEMENT_CONTRACT_NOT_FOUND` / `SETTLEMENT_CONTRACT_AMBIGUOUS`.
 */
export function contractAt(contracts: readonly SettlementContract[], fleetId: string, at: Date): SettlementContract {
  const matching = contracts.filter(
    (c) => c.fleetId === fleetId && c.validFrom.getTime() <= at.getTime() && (c.validTo === null || at.getTime() < c.validTo.getTime()),
  );
  if (matching.length === 0) throw new SettlementError('SETTLEMENT_CONTRACT_NOT_FOUND', `no contract for fleet ${fleetId} at ${at.toISOString()}`);
  if (matching.length > 1) throw new SettlementError('SETTLEMENT_CONTRACT_AMBIGUOUS', `${matching.length} contracts for fleet ${fleetId} at ${at.toISOString()}`);
  return matching[0];
}
