/**
 * What a settlement line is about. `portfolio` marks allocation lines that split the sum of all
 * markets; `charging` marks the country charges on charged and discharged energy.
 */
export const SETTLEMENT_MARKETS = ['fcr', 'afrr', 'day-ahead', 'idcons', 'uftp', 'imbalance', 'portfolio', 'charging'] as const;
export type SettlementMarket = (typeof SETTLEMENT_MARKETS)[number];

/**
 * Where a settled quantity came from, in the fallback order of issue 7: meter data, an estimate
 * from telemetry, or a standard profile. Every line carries the least reliable basis it used.
 */
export const SETTLEMENT_BASES = ['measured', 'estimated', 'profile'] as const;
export type SettlementBasis = (typeof SETTLEMENT_BASES)[number];

/** The least reliable of the bases (profile < estimated < measured); `measured` for none. */
export function weakestBasis(bases: readonly SettlementBasis[]): SettlementBasis {
  return bases.reduce<SettlementBasis>(
    (weakest, basis) => (SETTLEMENT_BASES.indexOf(basis) > SETTLEMENT_BASES.indexOf(weakest) ? basis : weakest),
    'measured',
  );
}

/**
 * Who a line belongs to. `aggregator` holds the market lines (it is the BSP/CSP the markets pay);
 * the others receive allocations or bear charges.
 */
export const STAKEHOLDER_ROLES = ['aggregator', 'fleet-owner', 'cpo', 'oem', 'driver'] as const;
export type StakeholderRole = (typeof STAKEHOLDER_ROLES)[number];

/** A stakeholder: its role and the party filling it (an organisation id or a pseudonymous driver ref). */
export interface Stakeholder {
  readonly role: StakeholderRole;
  readonly partyRef: string;
}

/**
 * The three parts of a statement. `revenue` lines (what the markets pay) and `allocation` lines
 * (who gets it) always sum to the same cents; `charges` show the country charges a fleet owner
 * bears on its energy bill and are outside that balance.
 */
export const STATEMENT_SECTIONS = ['revenue', 'allocation', 'charges'] as const;
export type StatementSection = (typeof STATEMENT_SECTIONS)[number];

/** Sorted, de-duplicated union of assumption labels. */
export function unionOfAssumptions(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
