import type { ContractTerm, SettlementContract } from './settlement-contract';

/** Whether two validity ranges [from, to) share an instant (an open end runs forever). */
export function validityOverlaps(a: Pick<SettlementContract, 'validFrom' | 'validTo'>, b: Pick<SettlementContract, 'validFrom' | 'validTo'>): boolean {
  const aEndsAfterBStarts = a.validTo === null || a.validTo.getTime() > b.validFrom.getTime();
  const bEndsAfterAStarts = b.validTo === null || b.validTo.getTime() > a.validFrom.getTime();
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/** The contracts of the fleet other than `contract` whose validity overlaps its own. */
export function overlappingContracts(contract: SettlementContract, others: readonly SettlementContract[]): SettlementContract[] {
  return others.filter((other) => other.id !== contract.id && other.fleetId === contract.fleetId && validityOverlaps(contract, other));
}

function sameTerm(a: ContractTerm, b: ContractTerm): boolean {
  return a.kind === b.kind && a.payee?.role === b.payee?.role && a.payee?.partyRef === b.payee?.partyRef && a.rate.equals(b.rate);
}

/** The same contract in every settled respect: validity, parties and terms in order (rates by value, 0.25 = 0.250000). */
export function sameContract(a: SettlementContract, b: SettlementContract): boolean {
  return (
    a.id === b.id &&
    a.fleetId === b.fleetId &&
    a.validFrom.getTime() === b.validFrom.getTime() &&
    (a.validTo?.getTime() ?? null) === (b.validTo?.getTime() ?? null) &&
    a.aggregatorRef === b.aggregatorRef &&
    a.vehicleOwnerRef === b.vehicleOwnerRef &&
    a.terms.length === b.terms.length &&
    a.terms.every((term, i) => sameTerm(term, b.terms[i]))
  );
}
