import { readSessionFile, sessionFileFormatOf } from '@vpp/fleet';
import type { UnusableSessionReason } from '@vpp/fleet';

import type { HistoricalSession } from '../../domain/forecast';

export interface SessionFileHistory {
  readonly format: string;
  readonly rowsRead: number;
  readonly rejected: Partial<Record<UnusableSessionReason, number>>;
  readonly history: HistoricalSession[];
  /** Sessions whose max power is the layout's nominal EVSE rating, because the file has none. */
  readonly maxPowerAssumed: number;
  readonly assumptions: string[];
}

/**
 * A session file (any layout `readSessionFile` knows) as forecasting history, without a database.
 * Unusable rows are counted by reason, as the importer does. Where a row has no max power, the
 * layout's nominal EVSE rating stands in, and the result says so.
 */
export async function readSessionFileHistory(path: string, siteIds?: ReadonlySet<string>): Promise<SessionFileHistory> {
  const format = await sessionFileFormatOf(path);
  const nominalKw = format.profile.nominalEvseKw.toFloat64ForOptimisation();
  const history: HistoricalSession[] = [];
  const rejected: Partial<Record<UnusableSessionReason, number>> = {};
  let rowsRead = 0;
  let maxPowerAssumed = 0;
  for await (const row of readSessionFile(path)) {
    rowsRead += 1;
    if (row.kind === 'rejected') {
      rejected[row.reason] = (rejected[row.reason] ?? 0) + 1;
      continue;
    }
    const s = row.session;
    if (siteIds !== undefined && !siteIds.has(s.siteId)) continue;
    if (s.maxPower === null) maxPowerAssumed += 1;
    history.push({
      siteId: s.siteId,
      arrivalMs: s.arrival.getTime(),
      departureMs: s.departure.getTime(),
      energyKwh: s.energy.toFloat64ForOptimisation(),
      maxPowerKw: s.maxPower === null ? nominalKw : s.maxPower.toFloat64ForOptimisation(),
    });
  }
  const assumptions =
    maxPowerAssumed === 0 ? [] : [`max power assumed: ${maxPowerAssumed} of ${history.length} sessions have none in the file; the ${format.name} layout's nominal EVSE rating ${nominalKw} kW stands in`];
  return { format: format.name, rowsRead, rejected, history, maxPowerAssumed, assumptions };
}
