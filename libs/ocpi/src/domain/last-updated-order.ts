/**
 * How an incoming object or PATCH relates to what we hold, by its `last_updated` (OCPI 2.2.1
 * transport_and_format "PATCH": the receiver keeps the newest state). Same instant = a duplicate
 * (idempotent no-op); older = a late or reordered update, acknowledged but not applied.
 */
export type UpdateOrder = 'apply' | 'duplicate' | 'older';

export function orderOfUpdate(incoming: Date, stored: Date | null): UpdateOrder {
  if (stored === null) return 'apply';
  const delta = incoming.getTime() - stored.getTime();
  if (delta > 0) return 'apply';
  return delta === 0 ? 'duplicate' : 'older';
}
