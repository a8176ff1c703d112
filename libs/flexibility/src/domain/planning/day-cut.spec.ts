import { DeliveryDay } from '@vpp/units';
import { boostSchedule } from './boost-schedule';
import { cutToDay } from './day-cut';
import { remainingNeed } from './remaining-need';

const day = DeliveryDay.of('2026-11-27'); // CET: 2026-11-26T23:00Z .. 2026-11-27T23:00Z
const at = (iso: string): Date => new Date(iso);

describe('cutToDay', () => {
  it('keeps a session inside the day whole, with its whole remaining need', () => {
    const cut = cutToDay({ arrival: at('2026-11-27T08:00:00Z'), departure: at('2026-11-27T12:00:00Z'), from: at('2026-11-26T06:00:00Z'), remainingNeedKwh: 20, maxChargeKw: 11, day });
    expect(cut).toEqual({ start: at('2026-11-27T08:00:00Z'), end: at('2026-11-27T12:00:00Z'), inDayNeedKwh: 20, afterDayKwh: 0 });
  });

  it('leaves to the next day what full power after midnight can still deliver', () => {
    // Departs 02:00 local of the next day = 3 h after the day end at 11 kW: 33 kWh can wait; 40 - 33 = 7 kWh must be in this day.
    const cut = cutToDay({ arrival: at('2026-11-27T18:00:00Z'), departure: at('2026-11-28T02:00:00Z'), from: at('2026-11-26T06:00:00Z'), remainingNeedKwh: 40, maxChargeKw: 11, day });
    expect(cut?.end).toEqual(day.end);
    expect(cut?.afterDayKwh).toBeCloseTo(33, 9);
    expect(cut?.inDayNeedKwh).toBeCloseTo(7, 9);
  });

  it('needs nothing inside the day when after-midnight power suffices, and starts at known_at for a session already plugged in', () => {
    const cut = cutToDay({ arrival: at('2026-11-27T05:00:00Z'), departure: at('2026-11-28T07:00:00Z'), from: at('2026-11-27T10:10:00Z'), remainingNeedKwh: 30, maxChargeKw: 11, day });
    expect(cut?.start).toEqual(at('2026-11-27T10:10:00Z'));
    expect(cut?.inDayNeedKwh).toBe(0);
  });

  it('returns null for a session that leaves before the day or before known_at', () => {
    expect(cutToDay({ arrival: at('2026-11-26T08:00:00Z'), departure: at('2026-11-26T20:00:00Z'), from: at('2026-11-26T06:00:00Z'), remainingNeedKwh: 5, maxChargeKw: 11, day })).toBeNull();
    expect(cutToDay({ arrival: at('2026-11-27T08:00:00Z'), departure: at('2026-11-27T09:00:00Z'), from: at('2026-11-27T09:30:00Z'), remainingNeedKwh: 5, maxChargeKw: 11, day })).toBeNull();
  });
});

describe('boostSchedule', () => {
  it('charges at full power from the window start until the need is met, partial ISPs as averages', () => {
    // From 10:05Z at 11 kW, 5 kWh: ISP 10:00 gets 10 min x 11 kW = 1.8333 kWh (avg 7.333 kW), ISP 10:15 2.75 kWh (11 kW), ISP 10:30 the 0.4167 kWh left.
    const cut = { start: at('2026-11-27T10:05:00Z'), end: at('2026-11-27T16:00:00Z'), inDayNeedKwh: 5, afterDayKwh: 0 };
    const boost = boostSchedule(cut, 5, 11, day);
    const first = day.ispNumber(day.isps().find((isp) => isp.start.getTime() === at('2026-11-27T10:00:00Z').getTime())!) - 1;
    expect(boost.powerKw[first]).toBeCloseTo(7.3333333, 6);
    expect(boost.powerKw[first + 1]).toBeCloseTo(11, 9);
    expect(boost.powerKw[first + 2]).toBeCloseTo((5 - 11 / 6 - 2.75) * 4, 9);
    expect(boost.powerKw[first + 3]).toBe(0);
    expect(boost.powerKw.reduce((sum, kw) => sum + kw * 0.25, 0)).toBeCloseTo(5, 9);
    expect(boost.deliveredKwh).toBeCloseTo(5, 9);
  });

  it('stops at the departure when the need cannot be met', () => {
    const cut = { start: at('2026-11-27T10:00:00Z'), end: at('2026-11-27T10:30:00Z'), inDayNeedKwh: 50, afterDayKwh: 0 };
    expect(boostSchedule(cut, 50, 11, day).deliveredKwh).toBeCloseTo(5.5, 9);
  });
});

describe('remainingNeed', () => {
  it('subtracts what was delivered from a stated need, else converts a target SoC through the efficiency', () => {
    expect(remainingNeed({ energyNeedKwh: 30, deliveredKwh: 12, targetSocPct: 80, socPct: 50, batteryKwh: 60, chargeEfficiency: 0.9 })).toEqual({ kwh: 18, from: 'energy-need' });
    const fromSoc = remainingNeed({ energyNeedKwh: null, deliveredKwh: 12, targetSocPct: 80, socPct: 50, batteryKwh: 60, chargeEfficiency: 0.9 });
    expect(fromSoc?.from).toBe('target-soc');
    expect(fromSoc?.kwh).toBeCloseTo(20, 9);
    expect(remainingNeed({ energyNeedKwh: null, deliveredKwh: 0, targetSocPct: 80, socPct: null, batteryKwh: 60, chargeEfficiency: 0.9 })).toBeNull();
  });
});
