import { registerErrorStatuses } from '@vpp/observability';
import type { PrivacyErrorCode } from '../domain/pseudonym';

export const PRIVACY_ERROR_STATUSES: Record<PrivacyErrorCode, number> = {
  IDENTIFIER_EMPTY: 422,
  PERSONAL_DATA_SUBJECT_INVALID: 422,
};

registerErrorStatuses(PRIVACY_ERROR_STATUSES);
