import { Decimal, DeliveryDay, Isp } from '@vpp/units';
import type { BidDirection, Market } from '../products/market-product';

/** An award as the BRP view needs it. */
export interface AwardedPosition {
  readonly market: Market;
  readonly direction: BidDirection;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly quantityMw: Decimal;
  readonly labels: readonly string[];
}

/**
 * One ISP of a portfolio's BRP view. Sign convention: positive = consumption (offtake from the
 * grid), as UFTP and the nominations use it. Energy positions (day-ahead, IDCONS) are MW of
 * energy bought (+) or sold (-); capacity positions (FCR, aFRR up/down) are MW held in reserve
 * (not energy: only activations move energy, and those are the imbalance adjustment).
 */
export interface BrpIspPosition {
  readonly isp: number;
  readonly ispStart: string;
  readonly ispEnd: string;
  /** The stored plan's portfolio power, kW; null when no plan is stored for the day. */
  readonly nominatedKw: string | null;
  readonly dayAheadMw: string;
  readonly idconsMw: string;
  readonly fcrMw: string;
  readonly afrrUpMw: string;
  readonly afrrDownMw: string;
  /** Energy our activations moved in this ISP (kWh), to correct the BRP's position; 0 when none are recorded. */
  readonly imbalanceAdjustmentKwh: string;
}

export type BrpPositionsFlag = 'no_plan_stored' | 'no_activations_recorded';

export interface BrpPositions {
  readonly portfolioId: string;
  readonly brpReference: string;
  readonly deliveryDay: string;
  readonly flags: readonly BrpPositionsFlag[];
  /** Assumptions behind the awards (e.g. an assumed FCR price), from the awards' labels. */
  readonly labels: readonly string[];
  readonly isps: readonly BrpIspPosition[];
}

export interface BrpPositionsInput {
  readonly portfolioId: string;
  readonly brpReference: string;
  readonly day: DeliveryDay;
  /** Plan power per ISP start (ms); undefined = no plan stored. */
  readonly plannedKw: ReadonlyMap<number, Decimal> | undefined;
  readonly awards: readonly AwardedPosition[];
  /** Activation energy per ISP start (ms); undefined = no activation recorded. */
  readonly activationKwh: ReadonlyMap<number, Decimal> | undefined;
}

const ZERO = new Decimal(0);
const signOf = (direction: BidDirection): number => (direction === 'sell' ? -1 : 1);

/** Spreads each award over the ISPs it covers (a block is 16 ISPs, an hourly MTU 4) and adds the plan and activations. */
export function brpPositions(input: BrpPositionsInput): BrpPositions {
  const isps = input.day.isps();
  const columns = new Map<string, Decimal[]>();
  const column = (name: string): Decimal[] => {
    let values = columns.get(name);
    if (!values) {
      values = isps.map(() => ZERO);
      columns.set(name, values);
    }
    return values;
  };
  for (const award of input.awards) {
    const name = award.market === 'afrr' ? `afrr-${award.direction}` : award.market;
    const values = column(name);
    isps.forEach((isp, index) => {
      if (isp.start < award.periodEnd && isp.end > award.periodStart) values[index] = values[index].plus(award.quantityMw.times(signOf(award.direction)));
    });
  }
  const at = (name: string, index: number): string => (columns.get(name)?.[index] ?? ZERO).toFixed();
  const flags: BrpPositionsFlag[] = [];
  if (input.plannedKw === undefined) flags.push('no_plan_stored');
  if (input.activationKwh === undefined) flags.push('no_activations_recorded');
  return {
    portfolioId: input.portfolioId,
    brpReference: input.brpReference,
    deliveryDay: input.day.isoDate,
    flags,
    labels: [...new Set(input.awards.flatMap((award) => award.labels))].sort(),
    isps: isps.map((isp: Isp, index) => ({
      isp: index + 1,
      ispStart: isp.start.toISOString(),
      ispEnd: isp.end.toISOString(),
      nominatedKw: input.plannedKw === undefined ? null : (input.plannedKw.get(isp.start.getTime()) ?? ZERO).toFixed(),
      dayAheadMw: at('day-ahead', index),
      idconsMw: at('idcons', index),
      fcrMw: at('fcr', index),
      afrrUpMw: at('afrr-up', index),
      afrrDownMw: at('afrr-down', index),
      imbalanceAdjustmentKwh: (input.activationKwh?.get(isp.start.getTime()) ?? ZERO).toFixed(),
    })),
  };
}

const CSV_COLUMNS = ['isp', 'isp_start', 'isp_end', 'nominated_kw', 'day_ahead_mw', 'idcons_mw', 'fcr_mw', 'afrr_up_mw', 'afrr_down_mw', 'imbalance_adjustment_kwh', 'flags', 'labels'] as const;

/** RFC 4180 CSV, one row per ISP; the day's flags and labels repeat on every row so a row stands alone. */
export function brpPositionsCsv(positions: BrpPositions): string {
  const quote = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const flags = positions.flags.join(';');
  const labels = positions.labels.join(';');
  const rows = positions.isps.map((p) =>
    [String(p.isp), p.ispStart, p.ispEnd, p.nominatedKw ?? '', p.dayAheadMw, p.idconsMw, p.fcrMw, p.afrrUpMw, p.afrrDownMw, p.imbalanceAdjustmentKwh, flags, labels].map(quote).join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
