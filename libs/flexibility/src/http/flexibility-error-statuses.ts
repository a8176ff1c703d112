import { registerErrorStatuses } from '@vpp/observability';
import type { BaselineRecordErrorCode } from '../domain/baseline-records/baseline-record.errors';
import type { LedgerErrorCode } from '../domain/ledger/ledger.errors';
import type { PortfolioErrorCode } from '../domain/portfolio/portfolio.errors';

export const FLEXIBILITY_ERROR_STATUSES: Record<PortfolioErrorCode | LedgerErrorCode | BaselineRecordErrorCode, number> = {
  PORTFOLIO_INVALID: 422,
  PORTFOLIO_MARKET_NOT_HELD: 422,
  PORTFOLIO_NAME_TAKEN: 409,
  PORTFOLIO_SITE_ALREADY_POOLED: 409,
  LEDGER_INVALID_REQUEST: 422,
  LEDGER_PRODUCT_NOT_IN_PORTFOLIO: 422,
  // The IETF Idempotency-Key draft answers a reused key with another payload with 422.
  LEDGER_IDEMPOTENCY_KEY_REUSED: 422,
  LEDGER_INSUFFICIENT_CAPACITY: 409,
  LEDGER_PREQUALIFICATION_EXCEEDED: 409,
  LEDGER_AVAILABLE_BELOW_RESERVED: 409,
  BASELINE_RECORD_CONFLICT: 409,
};

registerErrorStatuses(FLEXIBILITY_ERROR_STATUSES);
