import { DeliveryDay } from '@vpp/units';
import { UftpRejection } from './congestion.errors';
import type { IspRange } from './uftp-messages';

/**
 * The ISP numbers of `ranges` in `day`, each range expanded (Start, Duration), in order. UFTP
 * numbers ISPs from 1 in the local day, so a day has 92, 96 or 100 of them (DeliveryDay).
 *
 * @throws UftpRejection `ISPs out of bounds` (none, or beyond the day) and `ISP conflict` (overlap).
 */
export function expandIspRanges<T extends IspRange>(ranges: readonly T[], day: DeliveryDay): { ispNumber: number; item: T }[] {
  if (ranges.length === 0) throw new UftpRejection('ISPs out of bounds: the message has no ISP');
  const count = day.ispCount;
  const seen = new Set<number>();
  const expanded: { ispNumber: number; item: T }[] = [];
  for (const item of ranges) {
    const last = item.start + item.duration - 1;
    if (!Number.isSafeInteger(item.start) || !Number.isSafeInteger(item.duration) || item.start < 1 || item.duration < 1 || last > count) {
      throw new UftpRejection(`ISPs out of bounds: ISP ${item.start} (duration ${item.duration}) is outside 1..${count} of ${day.isoDate}`);
    }
    for (let n = item.start; n <= last; n += 1) {
      if (seen.has(n)) throw new UftpRejection(`ISP conflict: ISP ${n} is defined more than once`);
      seen.add(n);
      expanded.push({ ispNumber: n, item });
    }
  }
  return expanded.sort((a, b) => a.ispNumber - b.ispNumber);
}

/** The delivery day of a Period attribute. @throws UftpRejection `Period out of bounds` for a non-date. */
export function deliveryDayOfPeriod(period: string): DeliveryDay {
  try {
    return DeliveryDay.of(period);
  } catch {
    throw new UftpRejection(`Period out of bounds: ${JSON.stringify(period)} is not a yyyy-mm-dd day`);
  }
}

/** The UTC start and end of ISP `n` of `day` (1-based). */
export function ispInterval(day: DeliveryDay, n: number): { start: Date; end: Date } {
  const isp = day.ispAt(n);
  return { start: isp.start, end: isp.end };
}
