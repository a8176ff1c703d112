import { Decimal, DeliveryDay, Isp } from '@vpp/units';
import { CongestionError } from './congestion.errors';

/**
 * A grid operator's congestion event for GOPACS IDCONS (MARKETS.md section 4): a congestion
 * point (its connection EAN, or its congestion area), ISPs, and what the grid needs inside the area:
 * `consume-less` (load congestion: we sell inside, buy outside) or `consume-more` (feed-in
 * congestion: we buy inside, sell outside).
 */
export interface IdconsEvent {
  readonly eventId: string;
  readonly congestionPointEan: string;
  readonly congestionArea: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly direction: 'consume-less' | 'consume-more';
  readonly requestedMw: Decimal;
}

export interface EventIsps {
  readonly day: DeliveryDay;
  readonly isps: readonly Isp[];
  /** Index of the first event ISP in the day (0 = ISP 1). */
  readonly firstIndex: number;
}

const ISP_MS = 15 * 60_000;

/** The event's ISPs inside one delivery day; anything else is refused. */
export function eventIsps(event: IdconsEvent): EventIsps {
  const start = event.start.getTime();
  const end = event.end.getTime();
  if (!(end > start) || start % ISP_MS !== 0 || end % ISP_MS !== 0) {
    throw new CongestionError('IDCONS_INVALID_EVENT', 'start and end must be ISP boundaries (quarter-hours, UTC) with end after start');
  }
  const day = DeliveryDay.containing(event.start);
  if (end > day.end.getTime()) throw new CongestionError('IDCONS_INVALID_EVENT', `an event lies inside one delivery day (${day.isoDate} ends ${day.end.toISOString()})`);
  if (!event.requestedMw.greaterThan(0)) throw new CongestionError('IDCONS_INVALID_EVENT', 'requestedMw must be positive');
  const isps: Isp[] = [];
  for (let isp = Isp.startingAt(event.start); isp.start.getTime() < end; isp = isp.next()) isps.push(isp);
  return { day, isps, firstIndex: Math.round((start - day.start.getTime()) / ISP_MS) };
}

/** A connection's flexibility over the day, kW (index 0 = ISP 1): `downKw` consume less, `upKw` consume more. */
export interface DayConnectionFlexibility {
  readonly ean: string;
  readonly downKw: Float64Array;
  readonly upKw: Float64Array;
  readonly sessionIds: readonly string[];
}

/** Per connection over the event's ISPs, in the markets' words: `upKw` = consume less (sell), `downKw` = consume more (buy). */
export interface EventConnectionFlexibility {
  readonly ean: string;
  readonly upKw: Float64Array;
  readonly downKw: Float64Array;
  readonly sessionIds: readonly string[];
}

/**
 * The connections' flexibility over the event's ISPs, scaled down per ISP and direction so that
 * all connections together stay within the portfolio's ledger headroom: the orders then never ask
 * the ledger for kW that FCR, aFRR or day-ahead hold (each order's reservation would be refused).
 */
export function eventConnections(
  connections: readonly DayConnectionFlexibility[],
  headroom: { readonly downKw: ArrayLike<number>; readonly upKw: ArrayLike<number> },
  firstIndex: number,
  count: number,
): EventConnectionFlexibility[] {
  const factor = (pick: (c: DayConnectionFlexibility) => Float64Array, room: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(count);
    for (let k = 0; k < count; k += 1) {
      const total = connections.reduce((sum, c) => sum + pick(c)[firstIndex + k], 0);
      out[k] = total > room[firstIndex + k] ? Math.max(0, room[firstIndex + k]) / total : 1;
    }
    return out;
  };
  const less = factor((c) => c.downKw, headroom.downKw);
  const more = factor((c) => c.upKw, headroom.upKw);
  return connections.map((c) => ({
    ean: c.ean,
    upKw: Float64Array.from({ length: count }, (_, k) => c.downKw[firstIndex + k] * less[k]),
    downKw: Float64Array.from({ length: count }, (_, k) => c.upKw[firstIndex + k] * more[k]),
    sessionIds: c.sessionIds,
  }));
}
