import { DeliveryDay, TimeRange } from '@vpp/units';

export interface ReportPeriod {
  readonly kind: 'day' | 'month';
  readonly label: string;
  readonly range: TimeRange;
  /** The local dates covered, [fromDate, toDate), for tables keyed by delivery date. */
  readonly fromDate: string;
  readonly toDate: string;
}

/**
 * `YYYY-MM-DD`: one delivery day; `YYYY-MM`: its local month (first delivery day's start to the
 * next month's). Returns null for anything else or a day that does not exist.
 */
export function reportPeriodOf(text: string): ReportPeriod | null {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const day = DeliveryDay.of(text);
      return { kind: 'day', label: text, range: day.range, fromDate: day.isoDate, toDate: day.next().isoDate };
    }
    if (/^\d{4}-\d{2}$/.test(text)) {
      const first = DeliveryDay.of(`${text}-01`);
      const [year, month] = text.split('-').map((part) => Number.parseInt(part, 10));
      const next = DeliveryDay.of(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`);
      return { kind: 'month', label: text, range: TimeRange.of(first.start, next.start), fromDate: first.isoDate, toDate: next.isoDate };
    }
  } catch {
    return null;
  }
  return null;
}
