import { Decimal, DeliveryDay } from '@vpp/units';
import { flexibilityFromSessions } from './congestion-flexibility';
import { checkFlexRequest } from './flex-request-rules';
import { buildOfferOptions, optionPrice } from './offer-builder';
import type { FlexRequestMessage } from './uftp-messages';

const ISP_MS = 900_000;

describe(flexibilityFromSessions.name, () => {
  const day = DeliveryDay.of('2026-06-01');
  const starts = day.isps().map((isp) => isp.start.getTime());

  it('can stop what uncontrolled charging would draw (down) and draw max power while done (up)', () => {
    // 11 kW, plugged in for ISPs 41..48 (08:00-10:00 local), needs 11 kWh: charges through ISP 44.
    const arrival = day.ispAt(41).start;
    const departure = day.ispAt(48).end;
    const { downKw, upKw } = flexibilityFromSessions([{ arrival, departure, maxPowerKw: 11, energyNeedKwh: 11 }], starts, ISP_MS);
    expect(Array.from(downKw.slice(40, 48))).toEqual([11, 11, 11, 11, 0, 0, 0, 0]);
    expect(Array.from(upKw.slice(40, 48))).toEqual([0, 0, 0, 0, 11, 11, 11, 11]);
    expect(downKw[39] + upKw[39] + downKw[48] + upKw[48]).toBe(0);
  });

  it('scales a partly present ISP by the plugged-in fraction', () => {
    const arrival = new Date(day.ispAt(10).start.getTime() + 5 * 60_000);
    const { downKw } = flexibilityFromSessions([{ arrival, departure: day.ispAt(10).end, maxPowerKw: 9, energyNeedKwh: null }], starts, ISP_MS);
    expect(downKw[9]).toBeCloseTo(6, 9);
  });
});

describe(buildOfferOptions.name, () => {
  const message: FlexRequestMessage = {
    type: 'FlexRequest',
    version: '3.0.0',
    senderDomain: 'dso.grid.example',
    recipientDomain: 'agr.vpp.example',
    timeStamp: '2026-05-31T10:00:00Z',
    messageId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f001',
    conversationId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f002',
    ispDuration: 'PT15M',
    timeZone: 'Europe/Amsterdam',
    period: '2026-06-01',
    congestionPoint: 'ean.871685900012636543',
    revision: 1,
    expirationDateTime: '2026-05-31T20:00:00Z',
    isps: [
      { start: 41, duration: 2, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 },
      { start: 43, duration: 1, disposition: 'Available', minPower: -5_000, maxPower: 5_000 },
    ],
  };
  const checked = checkFlexRequest(message, new Date('2026-05-31T10:00:00Z'));
  const downKw = new Float64Array(96);
  downKw[40] = 22.0004;
  downKw[41] = 5;
  const flexibility = { congestionPoint: message.congestionPoint, period: message.period, downKw, upKw: new Float64Array(96), method: 'test', sessionCount: 2 };

  it('offers negative W (less consumption), never more than the band nor than there is, priced per MWh', () => {
    const options = buildOfferOptions(checked, flexibility, new Decimal('150'));
    expect(options[0]).toEqual({
      optionReference: 'max',
      price: '1.0125',
      minActivationFactor: '1.00',
      isps: [
        { start: 41, duration: 1, power: -22_000 },
        { start: 42, duration: 1, power: -5_000 },
      ],
    });
    // The least the band accepts (10 kW) is only there in ISP 41.
    expect(options[1]).toEqual({ optionReference: 'min', price: '0.3750', minActivationFactor: '1.00', isps: [{ start: 41, duration: 1, power: -10_000 }] });
  });

  it('offers nothing without flexibility', () => {
    expect(buildOfferOptions(checked, { ...flexibility, downKw: new Float64Array(96) }, new Decimal('150'))).toEqual([]);
  });

  it('prices energy = sum |W| x 0.25 h at 4 decimals', () => {
    expect(optionPrice([{ start: 1, duration: 4, power: 1_000_000 }], new Decimal('99.99'))).toBe('99.9900');
  });
});
