import { z } from 'zod/v4';
import { Decimal, parseUtcInstant } from '@vpp/units';
import { CONTRACT_TERM_KINDS } from '../../domain/contract/settlement-contract';
import { SETTLEMENT_PRICE_MARKETS } from '../../domain/pricing/settlement-day-prices';
import { STAKEHOLDER_ROLES } from '../../domain/settlement-vocabulary';

// Money and weights travel as decimal strings, at most the column's scale: numeric(19,6) for
// contract rates, numeric(14,5) for prices in EUR/MWh (which may be negative).
const rate = z.string().regex(/^\d{1,13}(\.\d{1,6})?$/, 'a non-negative decimal string with at most 6 decimals, e.g. "0.25"');
export const priceText = z.string().regex(/^-?\d{1,9}(\.\d{1,5})?$/, 'a decimal string of EUR/MWh with at most 5 decimals, e.g. "-12.5"');

const instant = (what: string) =>
  z.string().refine((text) => {
    try {
      parseUtcInstant(text);
      return true;
    } catch {
      return false;
    }
  }, `${what} is an ISO 8601 UTC instant, e.g. 2026-11-25T23:00:00Z`);

const partyRef = z.string().trim().min(1).max(200);

const termSchema = z.strictObject({
  kind: z.enum(CONTRACT_TERM_KINDS),
  payee: z.strictObject({ role: z.enum(STAKEHOLDER_ROLES), partyRef }).nullable().describe('null only for driver rewards (paid to each session driver)'),
  rate: rate.describe('unit by kind: EUR per session / kWh / month / plugged hour, or a revenue-share percentage'),
});

/** A settlement contract of the fleet in the path; its id is the path's too. Revenue shares are percentages summing to 100. */
export const putSettlementContractSchema = z
  .strictObject({
    validFrom: instant('validFrom'),
    validTo: instant('validTo').nullable().describe('exclusive; null = open end'),
    aggregatorRef: partyRef.describe('the aggregator organisation receiving the market money'),
    vehicleOwnerRef: partyRef.describe('the fleet owner: owner of the vehicles, bearer of the charging charges'),
    terms: z.array(termSchema).min(1).max(50),
  })
  .superRefine((body, ctx) => {
    if (body.validTo !== null && /^\d{4}-/.test(body.validTo) && /^\d{4}-/.test(body.validFrom)) {
      try {
        if (parseUtcInstant(body.validTo).getTime() <= parseUtcInstant(body.validFrom).getTime()) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must be after validFrom' });
      } catch {
        // the field checks above report a malformed instant
      }
    }
    const shares = body.terms.filter((term) => term.kind === 'revenue-share' && rate.safeParse(term.rate).success);
    if (shares.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['terms'], message: 'at least one revenue-share term is needed' });
      return;
    }
    const total = shares.reduce((sum, term) => sum.plus(term.rate), new Decimal(0));
    if (!total.equals(100)) ctx.addIssue({ code: 'custom', path: ['terms'], message: `revenue shares sum to ${total.toFixed()}, not 100` });
  });
export type PutSettlementContractBody = z.output<typeof putSettlementContractSchema>;

/** A day's prices as JSON: every ISP (or every hour) of the delivery day once. */
export const putSettlementPricesSchema = z.strictObject({
  source: z.string().trim().min(1).max(200).describe('where the prices come from, e.g. "EPEX SPOT NL day-ahead auction"'),
  prices: z
    .array(z.strictObject({ intervalStart: instant('intervalStart'), priceEurPerMwh: priceText }))
    .min(1)
    .max(100),
});
export type PutSettlementPricesBody = z.output<typeof putSettlementPricesSchema>;

export const settlementPriceMarketSchema = z.enum(SETTLEMENT_PRICE_MARKETS);
export const biddingZoneSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{2,4})?$/, 'a bidding zone code, e.g. NL, BE, DE-LU');
export const priceSourceSchema = z.string().trim().min(1).max(200);
