import { join } from 'node:path';
import { DateTime } from 'luxon';
import { readSessionFile } from '@vpp/fleet/infrastructure/import/session-file.reader';
import type { HistoricalSession } from '@vpp/flexibility/domain';
import type { RollingSession } from '@vpp/optimizer';
import { DeliveryDay, MARKET_TIME_ZONE } from '@vpp/units';

/**
 * The two real datasets of the value-captured benchmark: an evaluation window of 28 consecutive
 * delivery days (Europe/Amsterdam) and all history before it for the forecast.
 */
export interface ValueDataset {
  readonly name: string;
  readonly file: string;
  /** NL day-ahead prices of the same dates. */
  readonly pricesFile: string;
  readonly windowFrom: DeliveryDay;
  /** Inclusive. */
  readonly windowTo: DeliveryDay;
  /** Used where a row has no observed max power; ASSUMED (the layout's nominal EVSE rating). */
  readonly nominalMaxPowerKw: number;
  /**
   * DERIVED: max power at least the session's average power over its dwell (the car demonstrably
   * drew that much), for layouts whose nominal rating some sessions exceed.
   */
  readonly maxPowerAtLeastAverage?: boolean;
  /**
   * `source`: the file's declarations (ACN user inputs); the physical need is min(declared,
   * actual): a car stops drawing when full, and a driver's promise is what they asked for.
   * `delivered-energy`: the file has none; the energy need is ASSUMED declared and equal to the
   * energy the session took; the departure is not declared (the forecast's expected one).
   */
  readonly declarations: 'source' | 'delivered-energy';
  /** Source local time zone whose wall clock is moved to Amsterdam's (DERIVED), or undefined for NL data. */
  readonly clockFrom?: string;
  /** What is derived or assumed, repeated in every output line. */
  readonly note: string;
}

export const VALUE_DATASETS: readonly ValueDataset[] = [
  {
    name: 'elaadnl',
    file: 'ev-sessions-elaadnl-2019-01-to-09.csv',
    pricesFile: 'prices-nl-dayahead-2019.csv',
    windowFrom: DeliveryDay.of('2019-09-02'),
    windowTo: DeliveryDay.of('2019-09-29'),
    nominalMaxPowerKw: 11,
    declarations: 'delivered-energy',
    note:
      'ElaadNL public sessions (real arrival, departure, energy, observed max power; ASSUMED 11 kW where none is observed), NL day-ahead 2019 (real); ' +
      'forecast trained on 2019-01-01..2019-09-01; ASSUMED: drivers declare their energy need through the app; ElaadNL records none, so the delivered energy stands in; ' +
      'no declared departure: planned on the forecast expected departure',
  },
  {
    name: 'acn-caltech',
    file: 'ev-sessions-acn-caltech-2020-12-to-2021-06.csv',
    pricesFile: 'prices-nl-dayahead-2021.csv',
    windowFrom: DeliveryDay.of('2021-05-31'),
    windowTo: DeliveryDay.of('2021-06-27'),
    nominalMaxPowerKw: 6.6,
    maxPowerAtLeastAverage: true,
    declarations: 'source',
    clockFrom: 'America/Los_Angeles',
    note:
      'ACN Caltech raw sessions with REAL driver declarations (user_kwh_requested, user_requested_departure_utc, last edit; physical need = min(declared, actual energy)); ' +
      'max power ASSUMED 6.6 kW (layout nominal, the file has none), DERIVED up to the session average power where higher; ' +
      'DERIVED: arrival and declared departure moved to the same local clock time in Amsterdam (dwell kept), priced at NL day-ahead 2021 of the same dates; ' +
      'forecast (for what is not declared) trained on the file before the window (2020-12-01 on)',
  },
];

export interface LoadedDataset {
  readonly evaluation: RollingSession[];
  readonly history: HistoricalSession[];
  readonly rejected: number;
  readonly firstHistoryDay: DeliveryDay;
}

/** Same wall-clock time in Amsterdam as `ms` shows in `zone` (arrival mapping for non-NL data). */
function sameLocalClockInAmsterdam(ms: number, zone: string): number {
  const local = DateTime.fromMillis(ms, { zone });
  const { year, month, day, hour, minute, second, millisecond } = local;
  return DateTime.fromObject({ year, month, day, hour, minute, second, millisecond }, { zone: MARKET_TIME_ZONE }).toMillis();
}

export async function loadDataset(dataDir: string, dataset: ValueDataset): Promise<LoadedDataset> {
  const evaluation: RollingSession[] = [];
  const history: HistoricalSession[] = [];
  let rejected = 0;
  let firstMs = Number.POSITIVE_INFINITY;
  const windowStartMs = dataset.windowFrom.start.getTime();
  const windowEndMs = dataset.windowTo.end.getTime();
  for await (const row of readSessionFile(join(dataDir, dataset.file))) {
    if (row.kind !== 'usable') {
      rejected += 1;
      continue;
    }
    const s = row.session;
    const dwellMs = s.departure.getTime() - s.arrival.getTime();
    const arrivalMs = dataset.clockFrom === undefined ? s.arrival.getTime() : sameLocalClockInAmsterdam(s.arrival.getTime(), dataset.clockFrom);
    const energyKwh = s.energy.toFloat64ForOptimisation();
    const observedOrNominalKw = s.maxPower?.toFloat64ForOptimisation() ?? dataset.nominalMaxPowerKw;
    const maxPowerKw = dataset.maxPowerAtLeastAverage === true && dwellMs > 0 ? Math.max(observedOrNominalKw, (energyKwh * 3_600_000) / dwellMs) : observedOrNominalKw;
    if (arrivalMs < windowStartMs) {
      history.push({ siteId: s.siteId, arrivalMs, departureMs: arrivalMs + dwellMs, energyKwh, maxPowerKw });
      firstMs = Math.min(firstMs, arrivalMs);
    } else if (arrivalMs < windowEndMs) {
      const declaredEnergyKwh = s.requestedEnergy?.toFloat64ForOptimisation();
      const fromSource = dataset.declarations === 'source';
      evaluation.push({
        id: s.sessionId,
        arrivalMs,
        departureMs: arrivalMs + dwellMs,
        energyKwh: fromSource && declaredEnergyKwh !== undefined ? Math.min(declaredEnergyKwh, energyKwh) : energyKwh,
        maxPowerKw,
        ...(fromSource && s.requestedDeparture ? { declaredDepartureMs: s.requestedDeparture.getTime() + (arrivalMs - s.arrival.getTime()) } : {}),
        ...(fromSource ? (declaredEnergyKwh === undefined ? {} : { declaredEnergyKwh }) : { declaredEnergyKwh: energyKwh }),
      });
    }
  }
  if (evaluation.length === 0 || history.length === 0) throw new Error(`${dataset.file}: no sessions in or before ${dataset.windowFrom.isoDate}..${dataset.windowTo.isoDate}`);
  return { evaluation, history, rejected, firstHistoryDay: DeliveryDay.containing(new Date(firstMs)) };
}
