import { DateTime } from 'luxon';
import { ImportedSession, emptyUnusableCounts, readSessionFile, sessionFileFormatOf, type UnusableSessionReason } from '@vpp/fleet';
import { DeliveryDay, MARKET_TIME_ZONE, type PowerKw } from '@vpp/units';

/** Where each source layout's sessions happened: their local time of day is what a moved session keeps. */
const SOURCE_ZONES: Readonly<Record<string, string>> = {
  elaadnl: 'Europe/Amsterdam',
  acn: 'America/Los_Angeles',
  'acn-processed': 'America/Los_Angeles',
  dundee: 'Europe/London',
  norway: 'Europe/Oslo',
  canonical: MARKET_TIME_ZONE,
};

export interface DaySessions {
  readonly format: string;
  readonly sourceZone: string;
  readonly rowsRead: number;
  readonly unusable: Record<UnusableSessionReason, number>;
  readonly sessions: ImportedSession[];
  /** Sessions the file holds on the day itself (used as they are). */
  readonly original: number;
  /** Same-weekday sessions of other weeks moved onto the day, and the ISO dates they came from. */
  readonly moved: number;
  readonly movedFrom: string[];
  /** Copies of the sessions above (ids and EVSEs suffixed `-r<n>`) to reach --evs. */
  readonly replicated: number;
  /** The layout's EVSE rating where a session records no power (the importer's assumption too). */
  readonly nominalEvseKw: PowerKw;
}

const localDateOf = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toISODate() ?? '';

/** The session moved onto `day`: its wall-clock arrival in its own zone becomes that wall clock in market time; dwell kept. */
function movedOnto(session: ImportedSession, day: DeliveryDay, zone: string, idSuffix: string): ImportedSession {
  const local = DateTime.fromJSDate(session.arrival, { zone });
  const [year, month, dayOfMonth] = day.isoDate.split('-').map((part) => Number.parseInt(part, 10));
  const arrival = DateTime.fromObject(
    { year, month, day: dayOfMonth, hour: local.hour, minute: local.minute, second: local.second },
    { zone: MARKET_TIME_ZONE },
  ).toJSDate();
  const shiftMs = arrival.getTime() - session.arrival.getTime();
  const shift = (instant: Date): Date => new Date(instant.getTime() + shiftMs);
  return {
    ...session,
    sessionId: `${session.sessionId}${idSuffix}`,
    arrival,
    departure: shift(session.departure),
    requestedDeparture: session.requestedDeparture ? shift(session.requestedDeparture) : session.requestedDeparture,
  };
}

function replica(session: ImportedSession, n: number): ImportedSession {
  const suffix = `-r${n}`;
  // Another EVSE: a copy must not share a charge point with its original at the same time.
  const evse = `${session.evseId ?? session.sessionId}${suffix}`;
  return { ...session, sessionId: `${session.sessionId}${suffix}`, evseId: evse, chargePointId: session.chargePointId ? `${session.chargePointId}${suffix}` : evse };
}

/** A session file read once, its usable sessions by local arrival date (in the source's zone). */
export interface SessionIndex {
  readonly format: string;
  readonly sourceZone: string;
  readonly rowsRead: number;
  readonly unusable: Record<UnusableSessionReason, number>;
  readonly byDate: ReadonlyMap<string, readonly ImportedSession[]>;
  readonly nominalEvseKw: PowerKw;
}

export async function readSessionIndex(path: string): Promise<SessionIndex> {
  const layout = await sessionFileFormatOf(path);
  const zone = SOURCE_ZONES[layout.name] ?? MARKET_TIME_ZONE;
  const byDate = new Map<string, ImportedSession[]>();
  const unusable = emptyUnusableCounts();
  let rowsRead = 0;
  for await (const row of readSessionFile(path)) {
    rowsRead += 1;
    if (row.kind === 'rejected') {
      unusable[row.reason] += 1;
      continue;
    }
    const date = localDateOf(row.session.arrival, zone);
    const list = byDate.get(date) ?? [];
    list.push(row.session);
    byDate.set(date, list);
  }
  if (byDate.size === 0) throw new Error(`${path} holds no usable session`);
  return { format: layout.name, sourceZone: zone, rowsRead, unusable, byDate, nominalEvseKw: layout.profile.nominalEvseKw };
}

/**
 * The sessions of `day` per the demo's derived-inputs rule (issue 8 item 1): the file's own
 * sessions of the day; when it holds fewer than `evs` (or none), sessions of the same weekday from
 * the nearest covered weeks (before and after, nearest first) moved onto the day with their local
 * time of day kept; when the whole file is still short, copies of those. Sessions from another
 * time zone than market time are always moved (their wall clock kept in Europe/Amsterdam).
 */
export function deriveDay(index: SessionIndex, day: DeliveryDay, evs: number): DaySessions {
  const zone = index.sourceZone;
  const sameZone = zone === MARKET_TIME_ZONE;
  const own = (index.byDate.get(day.isoDate) ?? []).slice(0, evs);
  const sessions = own.map((s) => (sameZone ? s : movedOnto(s, day, zone, '')));
  const original = sameZone ? own.length : 0;
  const movedFrom: string[] = sameZone || own.length === 0 ? [] : [day.isoDate];
  const dates = [...index.byDate.keys()].sort();
  const spanDays = Math.abs(DateTime.fromISO(dates[dates.length - 1]).diff(DateTime.fromISO(dates[0]), 'days').days);
  const target = DateTime.fromISO(day.isoDate);
  const fromTarget = Math.max(Math.abs(target.diff(DateTime.fromISO(dates[0]), 'days').days), Math.abs(target.diff(DateTime.fromISO(dates[dates.length - 1]), 'days').days));
  const maxWeeks = Math.ceil(Math.max(spanDays, fromTarget) / 7) + 1;
  for (let week = 1; week <= maxWeeks && sessions.length < evs; week += 1) {
    for (const sign of [-1, 1]) {
      if (sessions.length >= evs) break;
      const source = target.plus({ weeks: sign * week }).toISODate() ?? '';
      const found = index.byDate.get(source);
      if (!found) continue;
      movedFrom.push(source);
      for (const s of found.slice(0, evs - sessions.length)) sessions.push(movedOnto(s, day, zone, `@${day.isoDate}`));
    }
  }
  const moved = sessions.length - original;
  const base = sessions.length;
  if (base === 0) throw new Error(`the sessions file holds no usable session on a ${target.weekdayLong ?? 'weekday'} to derive ${day.isoDate} from`);
  for (let i = 0; sessions.length < evs; i += 1) sessions.push(replica(sessions[i % base], Math.floor(i / base) + 1));
  return { format: index.format, sourceZone: zone, rowsRead: index.rowsRead, unusable: index.unusable, sessions, original, moved, movedFrom, replicated: sessions.length - base, nominalEvseKw: index.nominalEvseKw };
}

/** The canonical layout (ARCHITECTURE.md section 6) the importer reads: the derived day as a file of its own. */
export function canonicalCsv(sessions: readonly ImportedSession[]): string {
  const header = 'session_id,site_id,arrival_utc,departure_utc,energy_kwh,max_power_kw,requested_energy_kwh,requested_departure_utc,evse_id';
  const cell = (text: string | null | undefined): string => (text === null || text === undefined ? '' : /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = sessions.map((s) =>
    [
      s.sessionId,
      s.siteId,
      s.arrival.toISOString(),
      s.departure.toISOString(),
      s.energy.toString(),
      s.maxPower?.toString(),
      s.requestedEnergy?.toString(),
      s.requestedDeparture?.toISOString(),
      s.evseId,
    ]
      .map(cell)
      .join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
