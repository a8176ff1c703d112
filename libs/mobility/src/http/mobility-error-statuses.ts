import { registerErrorStatuses } from '@vpp/observability';
import type { MobilityErrorCode } from '../domain/mobility.errors';

export const MOBILITY_ERROR_STATUSES: Record<MobilityErrorCode, number> = {
  DEPARTURE_IN_PAST: 422,
  DEPARTURE_BEFORE_ARRIVAL: 422,
  NEED_AMBIGUOUS: 422,
  ENERGY_NEED_NOT_POSITIVE: 422,
  SOC_OUT_OF_RANGE: 422,
  MIN_SOC_ABOVE_TARGET: 422,
  SESSION_ENDED: 409,
};

registerErrorStatuses(MOBILITY_ERROR_STATUSES);
