import { type DeliveryDay, MARKET_TIME_ZONE } from '@vpp/units';

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: MARKET_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The local wall-clock quarter (0..95) of every ISP of the day. A 92-ISP day has no 02:xx
 * quarters; a 100-ISP day meets 02:00-02:45 twice (both passes get the same profile value).
 */
export function localQuarterOfIsps(day: DeliveryDay): Int32Array {
  return Int32Array.from(day.isps(), (isp) => {
    const [hours, minutes] = clock.format(isp.start).split(':');
    return Number.parseInt(hours, 10) * 4 + Number.parseInt(minutes, 10) / 15;
  });
}

/** Saturday or Sunday in market time. */
export function isWeekend(day: DeliveryDay): boolean {
  const weekday = new Date(`${day.isoDate}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
