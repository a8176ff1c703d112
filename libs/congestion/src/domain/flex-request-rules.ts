import type { DeliveryDay } from '@vpp/units';
import { UftpRejection } from './congestion.errors';
import { deliveryDayOfPeriod, expandIspRanges } from './isp-schedule';
import type { FlexMetadata, FlexRequestIsp, FlexRequestMessage } from './uftp-messages';
import { UFTP_ISP_DURATION, UFTP_TIME_ZONE } from './uftp-vocabulary';

/**
 * Which way a requested ISP asks the portfolio to move, in UFTP's sign convention (positive W =
 * consumption): `down` = consume less / produce more (the band lies at or below zero), `up` =
 * consume more (at or above zero).
 */
export type FlexDirection = 'down' | 'up';

export interface CheckedFlexRequest {
  readonly day: DeliveryDay;
  /** Every ISP of the request, expanded, in order. */
  readonly isps: readonly { ispNumber: number; item: FlexRequestIsp }[];
  /** The Requested ISPs with their direction. */
  readonly requested: readonly { ispNumber: number; minPower: number; maxPower: number; direction: FlexDirection }[];
}

/** Market-wide values every Flex message must repeat (message-validation.md). */
export function checkFlexMetadata(message: FlexMetadata): DeliveryDay {
  if (message.ispDuration !== UFTP_ISP_DURATION) throw new UftpRejection(`ISP duration rejected: ${message.ispDuration}, the market uses ${UFTP_ISP_DURATION}`);
  if (message.timeZone !== UFTP_TIME_ZONE) throw new UftpRejection(`TimeZone rejected: ${message.timeZone}, the market uses ${UFTP_TIME_ZONE}`);
  return deliveryDayOfPeriod(message.period);
}

/**
 * The direction of a Requested ISP, or the reason its powers contradict the sign convention: a
 * band must not be inverted, and must lie on one side of zero (a band across zero names no
 * direction; 0..0 asks for nothing). Available ISPs must contain zero (they bound free capacity).
 */
export function directionOfIsp(isp: FlexRequestIsp, ispNumber: number): FlexDirection | null {
  if (!Number.isSafeInteger(isp.minPower) || !Number.isSafeInteger(isp.maxPower)) {
    throw new UftpRejection(`Invalid Message: ISP ${ispNumber} power must be whole watts`);
  }
  if (isp.minPower > isp.maxPower) throw new UftpRejection(`Invalid Message: ISP ${ispNumber} has MinPower ${isp.minPower} above MaxPower ${isp.maxPower}`);
  if (isp.disposition === 'Available') {
    if (isp.minPower > 0 || isp.maxPower < 0) throw new UftpRejection(`Invalid Message: available ISP ${ispNumber} must contain 0 W (MinPower <= 0 <= MaxPower)`);
    return null;
  }
  if (isp.minPower === 0 && isp.maxPower === 0) throw new UftpRejection(`Invalid Message: requested ISP ${ispNumber} requests 0 W`);
  if (isp.maxPower <= 0) return 'down';
  if (isp.minPower >= 0) return 'up';
  throw new UftpRejection(`Invalid Message: requested ISP ${ispNumber} spans both signs (MinPower ${isp.minPower} < 0 < MaxPower ${isp.maxPower}): no direction`);
}

/**
 * The stateless checks of a FlexRequest (message-validation.md): market values, Period, ISPs in
 * the day without overlap, expiry in the future and not after the last ISP, and the sign
 * convention of every ISP. `statedDirection` (our JSON API) must agree with every Requested ISP.
 *
 * @throws UftpRejection with the protocol's RejectionReason.
 */
export function checkFlexRequest(message: FlexRequestMessage, now: Date, statedDirection?: FlexDirection): CheckedFlexRequest {
  const day = checkFlexMetadata(message);
  if (!Number.isSafeInteger(message.revision) || message.revision < 0) throw new UftpRejection(`Invalid Message: Revision ${message.revision} is not a sequence number`);
  if (day.end.getTime() <= now.getTime()) throw new UftpRejection(`Period out of bounds: ${day.isoDate} is in the past`);
  const isps = expandIspRanges(message.isps, day);
  const expiration = Date.parse(message.expirationDateTime);
  if (Number.isNaN(expiration)) throw new UftpRejection('Invalid Message: ExpirationDateTime is not a date-time');
  if (expiration <= now.getTime()) throw new UftpRejection(`ExpirationDateTime out of bounds: the request expired at ${message.expirationDateTime}`);
  const lastEnd = day.ispAt(isps[isps.length - 1].ispNumber).end.getTime();
  if (expiration > lastEnd) throw new UftpRejection(`ExpirationDateTime out of bounds: ${message.expirationDateTime} is after the last ISP of the request`);
  const requested: { ispNumber: number; minPower: number; maxPower: number; direction: FlexDirection }[] = [];
  for (const { ispNumber, item } of isps) {
    const direction = directionOfIsp(item, ispNumber);
    if (direction === null) continue;
    if (statedDirection && direction !== statedDirection) {
      throw new UftpRejection(`Invalid Message: requested ISP ${ispNumber} (${item.minPower}..${item.maxPower} W) contradicts direction "${statedDirection}" (positive W = consumption)`);
    }
    requested.push({ ispNumber, minPower: item.minPower, maxPower: item.maxPower, direction });
  }
  return { day, isps, requested };
}
