import { registerErrorStatuses } from '@vpp/observability';
import type { SettlementErrorCode } from '../../domain/settlement.errors';

// What the settlement codes mean at the HTTP edge (the operator API of contracts and prices).
export const SETTLEMENT_ERROR_STATUSES: Partial<Record<SettlementErrorCode, number>> = {
  SETTLEMENT_CONTRACT_INVALID: 422,
  SETTLEMENT_CONTRACT_NOT_FOUND: 404,
  SETTLEMENT_CONTRACT_OVERLAP: 409,
  SETTLEMENT_CONTRACT_EXISTS: 409,
  SETTLEMENT_PRICES_INVALID: 422,
};

registerErrorStatuses(SETTLEMENT_ERROR_STATUSES as Record<string, number>);
