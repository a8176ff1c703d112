import type { EffectiveNeeds } from '../domain/effective-needs';
import type { MobilityNeedsEntity } from '../infrastructure/mobility-needs.entity';

/** Decimal strings and ISO instants, as everywhere on the API; never the driver hash. */
export function overrideView(row: MobilityNeedsEntity): Record<string, string | number | null> {
  return {
    id: row.id,
    subjectType: row.sessionId !== null ? 'session' : 'vehicle',
    subjectId: row.sessionId ?? row.vehicleId,
    departureAt: row.departureAt?.toISOString() ?? null,
    energyNeedKwh: row.energyNeedKwh?.toFixed() ?? null,
    targetSocPct: row.targetSocPct?.toFixed() ?? null,
    minSocPct: row.minSocPct?.toFixed() ?? null,
    boostRequestedAt: row.boostRequestedAt?.toISOString() ?? null,
    source: row.source,
    setByType: row.setByType,
    setById: row.setById,
    setAt: row.setAt.toISOString(),
    version: row.version,
  };
}

export function effectiveView(needs: EffectiveNeeds): Record<string, unknown> {
  return {
    departureAt: needs.departureAt?.toISOString() ?? null,
    energyNeedKwh: needs.energyNeedKwh?.toFixed() ?? null,
    targetSocPct: needs.targetSocPct?.toFixed() ?? null,
    minSocPct: needs.minSocPct?.toFixed() ?? null,
    boostRequestedAt: needs.boostRequestedAt?.toISOString() ?? null,
    origin: needs.origin,
  };
}
