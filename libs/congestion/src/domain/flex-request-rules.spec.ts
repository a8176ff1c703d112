import { DeliveryDay } from '@vpp/units';
import { checkFlexRequest } from './flex-request-rules';
import { expandIspRanges } from './isp-schedule';
import { checkRevisionOrder, duplicateMessageOutcome } from './revision-rules';
import type { FlexRequestIsp, FlexRequestMessage } from './uftp-messages';

const NOW = new Date('2026-03-28T10:00:00Z');

function request(overrides: Partial<FlexRequestMessage> = {}, isps: FlexRequestIsp[] = [{ start: 33, duration: 4, disposition: 'Requested', minPower: -200_000, maxPower: -50_000 }]): FlexRequestMessage {
  return {
    type: 'FlexRequest',
    version: '3.0.0',
    senderDomain: 'dso.grid.example',
    recipientDomain: 'agr.vpp.example',
    timeStamp: NOW.toISOString(),
    messageId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f001',
    conversationId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f002',
    ispDuration: 'PT15M',
    timeZone: 'Europe/Amsterdam',
    period: '2026-03-29',
    congestionPoint: 'ean.871685900012636543',
    revision: 1,
    expirationDateTime: '2026-03-28T20:00:00Z',
    isps,
    ...overrides,
  };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { rejectionReason?: string }).rejectionReason ?? 'not a rejection';
  }
  return 'accepted';
}

describe('UFTP ISP numbering on delivery days', () => {
  it.each([
    ['2026-03-29', 92],
    ['2026-10-25', 100],
    ['2026-06-01', 96],
  ])('%s has ISPs 1..%d', (period, count) => {
    const day = DeliveryDay.of(period);
    expect(expandIspRanges([{ start: count, duration: 1 }], day).map((isp) => isp.ispNumber)).toEqual([count]);
    expect(reasonOf(() => expandIspRanges([{ start: count + 1, duration: 1 }], day))).toMatch(/^ISPs out of bounds/);
    expect(reasonOf(() => expandIspRanges([{ start: count - 1, duration: 2 }], day))).toBe('accepted');
    expect(reasonOf(() => expandIspRanges([{ start: count - 1, duration: 3 }], day))).toMatch(/^ISPs out of bounds/);
  });

  it('ISP 9 of the spring DST day starts at 03:00 local (01:00 UTC): 02:00-03:00 does not exist', () => {
    expect(DeliveryDay.of('2026-03-29').ispAt(9).start.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('rejects ISP 0, an empty list and overlaps', () => {
    const day = DeliveryDay.of('2026-06-01');
    expect(reasonOf(() => expandIspRanges([{ start: 0, duration: 1 }], day))).toMatch(/^ISPs out of bounds/);
    expect(reasonOf(() => expandIspRanges([], day))).toMatch(/^ISPs out of bounds/);
    expect(reasonOf(() => expandIspRanges([{ start: 1, duration: 4 }, { start: 2, duration: 1 }], day))).toMatch(/^ISP conflict/);
  });
});

describe(checkFlexRequest.name, () => {
  it('accepts a request to consume less (power at or below zero) and names its direction', () => {
    const checked = checkFlexRequest(request(), NOW);
    expect(checked.day.ispCount).toBe(92);
    expect(checked.requested.map((isp) => [isp.ispNumber, isp.direction])).toEqual([
      [33, 'down'],
      [34, 'down'],
      [35, 'down'],
      [36, 'down'],
    ]);
  });

  it.each<[string, FlexRequestIsp, RegExp]>([
    ['a band across zero', { start: 1, duration: 1, disposition: 'Requested', minPower: -10, maxPower: 10 }, /no direction/],
    ['an inverted band', { start: 1, duration: 1, disposition: 'Requested', minPower: -10, maxPower: -20 }, /above MaxPower/],
    ['0..0 requested', { start: 1, duration: 1, disposition: 'Requested', minPower: 0, maxPower: 0 }, /requests 0 W/],
    ['an available band not containing zero', { start: 1, duration: 1, disposition: 'Available', minPower: 10, maxPower: 20 }, /must contain 0 W/],
  ])('rejects %s (sign convention)', (_name, isp, reason) => {
    expect(reasonOf(() => checkFlexRequest(request({}, [isp]), NOW))).toMatch(reason);
  });

  it('rejects a stated direction the powers contradict (positive W = consumption)', () => {
    expect(reasonOf(() => checkFlexRequest(request(), NOW, 'up'))).toMatch(/contradicts direction "up"/);
    expect(reasonOf(() => checkFlexRequest(request(), NOW, 'down'))).toBe('accepted');
  });

  it.each<[string, Partial<FlexRequestMessage>, RegExp]>([
    ['an expired request', { expirationDateTime: '2026-03-28T09:59:59Z' }, /^ExpirationDateTime out of bounds: the request expired/],
    ['an expiry after the last ISP', { expirationDateTime: '2026-03-30T00:00:00Z' }, /after the last ISP/],
    ['another ISP length', { ispDuration: 'PT30M' }, /^ISP duration rejected/],
    ['another time zone', { timeZone: 'Europe/London' }, /^TimeZone rejected/],
    ['a past Period', { period: '2026-03-27' }, /^Period out of bounds/],
    ['a Period that is no date', { period: '2026-02-30' }, /^Period out of bounds/],
  ])('rejects %s', (_name, overrides, reason) => {
    expect(reasonOf(() => checkFlexRequest(request(overrides), NOW))).toMatch(reason);
  });
});

describe('revisions and duplicate message ids', () => {
  it('a higher revision replaces, an equal or lower one is out of order', () => {
    expect(checkRevisionOrder(null, 0)).toBe('first');
    expect(checkRevisionOrder(2, 3)).toBe('replaces');
    expect(reasonOf(() => checkRevisionOrder(2, 2))).toMatch(/out of order/);
    expect(reasonOf(() => checkRevisionOrder(2, 1))).toMatch(/out of order/);
  });

  it('the same content again is Already Submitted, other content under the id a Duplicate Identifier', () => {
    expect(duplicateMessageOutcome('abc', 'abc')).toBe('already-submitted');
    expect(reasonOf(() => duplicateMessageOutcome('abc', 'abd'))).toMatch(/^Duplicate Identifier/);
  });
});
