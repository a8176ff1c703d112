import { Decimal, Money, roundLinesToCents } from '@vpp/units';
import type { SettlementContract } from '../contract/settlement-contract';
import type { Stakeholder } from '../settlement-vocabulary';
import type { AllocationDemand, WaterfallStep } from './allocation-demand';
import { WATERFALL_STEPS } from './allocation-demand';

/** One allocation, rounded to cents. */
export interface AllocatedLine {
  readonly step: WaterfallStep;
  readonly kind: string;
  readonly payee: Stakeholder;
  readonly amount: Money;
  readonly quantity: Decimal;
  readonly unit: string;
  readonly assumptions: readonly string[];
}

/** What a demand claimed and did not get (not carried over: the next period starts clean). */
export interface Shortfall {
  readonly demand: AllocationDemand;
  readonly unpaid: Money;
}

export interface WaterfallResult {
  readonly lines: readonly AllocatedLine[];
  readonly shortfalls: readonly Shortfall[];
  /** round(net revenue) to cents: the lines sum to exactly this. */
  readonly totalCents: Money;
}

/**
 * Runs the waterfall on the exact net revenue of the period:
 * - steps 1-4 in order, each paid in full while money is left; a step that does not fit is paid
 *   pro rata to its demands with what is left, and later steps get nothing;
 * - if the net revenue is zero or negative, steps 1-4 get nothing and the loss itself is split
 *   by revenue shares (each share holder carries its percent of a penalty);
 * - rounding: the paid amounts of steps 1-4 are rounded to cents once (running-total rounding,
 *   no cent lost), the remainder is round(net) minus those cents, and it is split by shares with
 *   the largest-remainder rule; so the allocation sums exactly to round(net revenue).
 */
export function runWaterfall(netRevenue: Money, demands: readonly AllocationDemand[], contract: SettlementContract): WaterfallResult {
  let available = netRevenue.isPositive() ? netRevenue : Money.zero(netRevenue.currency);
  const paid: { demand: AllocationDemand; amount: Money }[] = [];
  const shortfalls: Shortfall[] = [];
  for (const step of WATERFALL_STEPS.slice(0, 4)) {
    const inStep = demands.filter((d) => d.step === step);
    const claimed = Money.sum(
      inStep.map((d) => d.amount),
      netRevenue.currency,
    );
    if (claimed.isZero()) continue;
    const fits = !claimed.greaterThan(available);
    for (const demand of inStep) {
      const amount = fits ? demand.amount : demand.amount.multiply(available.amount).divide(claimed.amount);
      paid.push({ demand, amount });
      if (!fits) shortfalls.push({ demand, unpaid: demand.amount.subtract(amount) });
    }
    available = fits ? available.subtract(claimed) : Money.zero(netRevenue.currency);
  }
  const rounded = roundLinesToCents(paid.map((p) => p.amount));
  const totalCents = netRevenue.roundToCents();
  const remainder = rounded.reduce((left, cents) => left.subtract(cents), totalCents);
  const shares = contract.terms.filter((term) => term.kind === 'revenue-share');
  const shareParts = remainder.allocate(shares.map((term) => term.rate));
  const lines: AllocatedLine[] = [
    ...paid.map((p, i) => ({ ...p.demand, amount: rounded[i] })).filter((line) => !line.amount.isZero()),
    ...shares.map((term, i) => ({
      step: 'revenue-shares' as const,
      kind: 'revenue-share',
      payee: term.payee!,
      amount: shareParts[i],
      quantity: term.rate,
      unit: 'share-weight',
      assumptions: [],
    })),
  ];
  return { lines, shortfalls, totalCents };
}
