import { Decimal, DeliveryDay, EnergyKwh, Isp, PowerKw, RoundingMode } from '@vpp/units';

import {
  BASELINE_METHOD_VERSIONS,
  BaselineError,
  DEFAULT_BASELINE_METHODS,
  FlexibilityProduct,
  HistoricalDay,
  baselineMethodFor,
  historicalXofYBaseline,
  meterBeforeBaseline,
  nominatedScheduleBaseline,
  taperedPowerKw,
  uncontrolledChargingBaseline,
} from './baseline';
import { uncontrolledCharging } from './uncontrolled-charging';

const at = (iso: string): Date => new Date(iso);
const kw = (text: string): PowerKw => PowerKw.fromString(text);
const kwh = (text: string): EnergyKwh => EnergyKwh.fromString(text);
const dec = (text: string): Decimal => new Decimal(text);
const KNOWN = at('2024-05-01T09:00:00Z');

describe(taperedPowerKw.name, () => {
  it.each([
    // soc, expected kW for 11 kW max, taper from 0.8 down to 0.1 x max at 1.0
    ['0.5', '11'], // below the knee: max power
    ['0.8', '11'], // at the knee: still max
    ['0.9', '6.05'], // progress 0.5: 11 x (1 - 0.9 x 0.5) = 11 x 0.55
    ['1', '1.1'], // full: 11 x 0.1
    ['1.2', '1.1'], // clamped at 100 %
  ])('at SoC %s draws %s kW', (soc, expected) => {
    expect(taperedPowerKw(kw('11'), dec(soc), dec('0.8'), dec('0.1')).toString()).toBe(expected);
  });
});

describe(uncontrolledChargingBaseline.name, () => {
  it('without a battery equals the v1 uncontrolledCharging profile and records its metadata', () => {
    const input = { arrival: at('2024-05-01T10:05:00Z'), departure: at('2024-05-01T18:00:00Z') };
    const v1 = uncontrolledCharging({ ...input, energyNeed: kwh('5'), maxPower: kw('11') });
    const sut = uncontrolledChargingBaseline({ ...input, energyNeedKwh: kwh('5'), maxPowerKw: kw('11'), knownAt: KNOWN });
    expect(sut.perIsp.map((p) => p.energyKwh.toString())).toEqual(v1.perIsp.map((p) => p.energy.toString()));
    // ISP 10:15-10:30 full at 11 kW: 2.75 kWh, average power 2.75 / 0.25 = 11 kW
    expect(sut.perIsp[1].powerKw.toString()).toBe('11');
    expect(sut.metadata).toEqual({
      method: 'uncontrolled-charging',
      version: 2,
      knownAt: KNOWN,
      inputs: {
        arrival: '2024-05-01T10:05:00.000Z',
        departure: '2024-05-01T18:00:00.000Z',
        energyNeedKwh: '5',
        maxPowerKw: '11',
      },
    });
    expect(sut.shortfallKwh.isZero()).toBe(true);
  });

  it('tapers above the configured SoC, per ISP from the SoC at its start', () => {
    // 40 kWh battery at SoC 0.75, 10 kW, efficiency 1 for easy sums, taper 0.8 -> 0.1 x max.
    // ISP1: SoC 0.75 -> 10 kW -> 2.5 kWh, SoC 0.8125
    // ISP2: progress 0.0125/0.2 = 0.0625 -> 10 x (1 - 0.9 x 0.0625) = 9.4375 kW -> 2.359375 kWh
    // ISP3: need left 6 - 2.5 - 2.359375 = 1.140625 kWh at SoC 0.871484375 (checked below)
    const sut = uncontrolledChargingBaseline({
      arrival: at('2024-05-01T10:00:00Z'),
      departure: at('2024-05-01T14:00:00Z'),
      energyNeedKwh: kwh('6'),
      maxPowerKw: kw('10'),
      battery: { capacityKwh: kwh('40'), arrivalSoc: dec('0.75'), chargeEfficiency: dec('1') },
      knownAt: KNOWN,
    });
    expect(sut.perIsp[0].energyKwh.toString()).toBe('2.5');
    expect(sut.perIsp[1].energyKwh.toString()).toBe('2.359375');
    expect(sut.perIsp[1].powerKw.toString()).toBe('9.4375');
    // ISP3 at SoC 0.871484375: progress 0.357421875, power 10 x (1 - 0.3216796875) = 6.783203125 kW
    // -> 1.69580078125 kWh available > 1.140625 left: the rest fits in ISP3.
    expect(sut.perIsp[2].energyKwh.toString()).toBe('1.140625');
    expect(sut.perIsp).toHaveLength(3);
    expect(sut.metadata.inputs.taperStartSoc).toBe('0.8');
  });

  it('stops when the battery is full and reports the rest as shortfall', () => {
    // 10 kWh battery at SoC 0.9, efficiency 1: room 1 kWh; taper to 0.1 x 4 kW at 100 %.
    // ISP1 at SoC 0.9: 4 x (1 - 0.9 x 0.5) = 2.2 kW -> 0.55 kWh, SoC 0.955
    // ISP2 at SoC 0.955: progress 0.775 -> 4 x 0.3025 = 1.21 kW -> 0.3025 kWh, SoC 0.98525
    // ISP3 at SoC 0.98525: progress 0.92625 -> 4 x 0.166375 = 0.6655 kW -> 0.166375 kWh > room 0.1475
    //   -> 0.1475 kWh, SoC 1: stop. Delivered 1 kWh of 5: shortfall 4.
    const sut = uncontrolledChargingBaseline({
      arrival: at('2024-05-01T10:00:00Z'),
      departure: at('2024-05-01T18:00:00Z'),
      energyNeedKwh: kwh('5'),
      maxPowerKw: kw('4'),
      battery: { capacityKwh: kwh('10'), arrivalSoc: dec('0.9'), chargeEfficiency: dec('1') },
      knownAt: KNOWN,
    });
    expect(sut.perIsp.map((p) => p.energyKwh.toString())).toEqual(['0.55', '0.3025', '0.1475']);
    expect(sut.shortfallKwh.toString()).toBe('4');
  });

  it('reports a shortfall when the dwell cannot hold the need', () => {
    // 30 minutes at 7.4 kW: 3.7 of 10 kWh, 6.3 kWh short
    const sut = uncontrolledChargingBaseline({
      arrival: at('2024-05-01T10:00:00Z'),
      departure: at('2024-05-01T10:30:00Z'),
      energyNeedKwh: kwh('10'),
      maxPowerKw: kw('7.4'),
      knownAt: KNOWN,
    });
    expect(sut.shortfallKwh.toString()).toBe('6.3');
  });

  it.each([
    ['departure before arrival', '2024-05-01T10:00:00Z', '2024-05-01T09:00:00Z', '1', '0.5'],
    ['SoC above 1', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '1', '1.5'],
    ['zero capacity', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '0', '0.5'],
  ])('refuses %s', (_label, arrival, departure, capacity, soc) => {
    expect(() =>
      uncontrolledChargingBaseline({
        arrival: at(arrival),
        departure: at(departure),
        energyNeedKwh: kwh('1'),
        maxPowerKw: kw('11'),
        battery: { capacityKwh: kwh(capacity), arrivalSoc: dec(soc) },
        knownAt: KNOWN,
      }),
    ).toThrow(BaselineError);
  });
});

describe(nominatedScheduleBaseline.name, () => {
  const first = Isp.startingAt(at('2024-05-01T10:00:00Z'));

  it('is the nominated schedule, energy = power x 0.25 h', () => {
    const sut = nominatedScheduleBaseline({
      schedule: [
        { isp: first, powerKw: kw('8') }, // 2 kWh
        { isp: first.next(), powerKw: kw('-3') }, // discharge nominated: -0.75 kWh
      ],
      knownAt: at('2024-04-30T12:00:00Z'),
      reference: 'D-prognosis 42',
    });
    expect(sut.perIsp.map((p) => p.energyKwh.toString())).toEqual(['2', '-0.75']);
    expect(sut.metadata.inputs).toEqual({
      isps: '2',
      from: '2024-05-01T10:00:00.000Z',
      to: '2024-05-01T10:30:00.000Z',
      reference: 'D-prognosis 42',
    });
    expect(sut.metadata.version).toBe(BASELINE_METHOD_VERSIONS['nominated-schedule']);
  });

  it('refuses ISPs out of order', () => {
    expect(() =>
      nominatedScheduleBaseline({
        schedule: [
          { isp: first.next(), powerKw: kw('1') },
          { isp: first, powerKw: kw('1') },
        ],
        knownAt: KNOWN,
      }),
    ).toThrow(BaselineError);
  });
});

describe(meterBeforeBaseline.name, () => {
  const readings = [
    { at: at('2024-05-01T10:01:00Z'), powerKw: kw('7') },
    { at: at('2024-05-01T10:06:00Z'), powerKw: kw('5.5') },
    { at: at('2024-05-01T10:07:00Z'), powerKw: kw('9') }, // at the activation: not "before"
    { at: at('2024-05-01T10:03:00Z'), powerKw: kw('6') }, // out of order on purpose
  ];

  it('holds the last reading strictly before the activation over its ISPs', () => {
    const sut = meterBeforeBaseline({ readings, activationStart: at('2024-05-01T10:07:00Z'), ispCount: 3 });
    // 5.5 kW held: 1.375 kWh per ISP, from the ISP containing 10:07 (10:00)
    expect(sut.perIsp.map((p) => [p.isp.start.toISOString(), p.energyKwh.toString()])).toEqual([
      ['2024-05-01T10:00:00.000Z', '1.375'],
      ['2024-05-01T10:15:00.000Z', '1.375'],
      ['2024-05-01T10:30:00.000Z', '1.375'],
    ]);
    expect(sut.metadata.knownAt).toEqual(at('2024-05-01T10:06:00Z'));
    expect(sut.metadata.inputs.powerKw).toBe('5.5');
  });

  it.each([
    ['no reading before', '2024-05-01T10:00:00Z', undefined],
    ['last reading too old', '2024-05-01T10:30:00Z', 60_000],
  ])('refuses when %s', (_label, start, maxAgeMs) => {
    expect(() => meterBeforeBaseline({ readings, activationStart: at(start), ispCount: 1, maxAgeMs })).toThrow(BaselineError);
  });
});

describe(historicalXofYBaseline.name, () => {
  /** A day whose every ISP holds `kw`, except local 18:00 which holds `peak`. */
  const flatDay = (iso: string, base: number, peak = base): HistoricalDay => {
    const day = DeliveryDay.of(iso);
    const eveningStart = day.atLocalTime(18, 0).getTime();
    return {
      day,
      powerKw: day.isps().map((isp) => PowerKw.of(isp.start.getTime() === eveningStart ? peak : base)),
    };
  };

  // Wednesdays before Wed 2024-05-29: 22nd, 15th, 8th, 1st, Apr 24th; a Tuesday in between
  const history = [
    flatDay('2024-05-22', 10),
    flatDay('2024-05-15', 30),
    flatDay('2024-05-08', 20, 60),
    flatDay('2024-05-01', 40), // outside Y = 3
    flatDay('2024-05-28', 99), // a Tuesday: not similar
    flatDay('2024-05-29', 77), // the target day itself: never used
  ];
  const target = DeliveryDay.of('2024-05-29');

  it.each([
    // last 3 Wednesdays: 22nd (10 kW), 15th (30), 8th (20, 60 at 18:00); daily energy 240, 720, 495
    ['highest', 2, '30 and 20 -> 25', '25', '45.000000'], // 18:00: (30 + 60) / 2, to 6 places
    ['average-most-recent', 2, '10 and 30 -> 20', '20', '20.000000'],
    ['highest', 3, '10, 30, 20 -> 20', '20', '33.333333'], // (10+30+60)/3, shown to 6 places
  ] as const)('%s %i of 3: %s', (selection, x, _sum, night, evening) => {
    const sut = historicalXofYBaseline({
      targetDay: target,
      history,
      x,
      y: 3,
      selection,
      similarity: 'same-weekday',
      knownAt: at('2024-05-28T23:00:00Z'),
    });
    expect(sut.perIsp).toHaveLength(96);
    expect(sut.perIsp[0].powerKw.toString()).toBe(night);
    const evening18 = target.ispNumber(Isp.startingAt(target.atLocalTime(18, 0))) - 1;
    expect(sut.perIsp[evening18].powerKw.toFixed(6, RoundingMode.HALF_EVEN)).toBe(evening);
  });

  it('records the days used', () => {
    const sut = historicalXofYBaseline({
      targetDay: target,
      history,
      x: 2,
      y: 3,
      selection: 'highest',
      similarity: 'same-weekday',
      knownAt: at('2024-05-28T23:00:00Z'),
    });
    expect(sut.metadata.inputs.days).toBe('2024-05-15,2024-05-08');
  });

  it('matches ISPs by local time on DST days: 100 ISPs in October from 96-ISP Sundays', () => {
    // Sun 2024-10-27 has 100 ISPs; the repeated 02:xx hour takes the single 02:xx of history
    const sundays = ['2024-10-20', '2024-10-13'].map((d) => flatDay(d, 4));
    const sut = historicalXofYBaseline({
      targetDay: DeliveryDay.of('2024-10-27'),
      history: sundays,
      x: 2,
      y: 2,
      selection: 'highest',
      similarity: 'weekday-or-weekend',
      knownAt: at('2024-10-26T22:00:00Z'),
    });
    expect(sut.perIsp).toHaveLength(100);
    expect(sut.perIsp.every((p) => p.powerKw.toString() === '4')).toBe(true);
  });

  it('on a March DST history day skips the missing hour and averages the others', () => {
    // target Sun 2024-04-07 (96 ISPs); history Sun 2024-03-31 (92 ISPs, no 02:xx) at 8 kW and 2024-03-24 at 4 kW
    const sut = historicalXofYBaseline({
      targetDay: DeliveryDay.of('2024-04-07'),
      history: [flatDay('2024-03-31', 8), flatDay('2024-03-24', 4)],
      x: 2,
      y: 2,
      selection: 'average-most-recent',
      similarity: 'same-weekday',
      knownAt: KNOWN,
    });
    // 02:00 local is ISP 9: only 03-24 has it -> 4; 00:00 is ISP 1 -> (8 + 4) / 2 = 6
    expect(sut.perIsp[8].powerKw.toString()).toBe('4');
    expect(sut.perIsp[0].powerKw.toString()).toBe('6');
  });

  it.each([
    ['too few similar days', 1, 4],
    ['x above y', 3, 2],
  ])('refuses %s', (_label, x, y) => {
    expect(() =>
      historicalXofYBaseline({ targetDay: target, history, x, y, selection: 'highest', similarity: 'same-weekday', knownAt: KNOWN }),
    ).toThrow(BaselineError);
  });
});

describe(baselineMethodFor.name, () => {
  it.each(Object.entries(DEFAULT_BASELINE_METHODS))('%s -> %s by default', (product, method) => {
    const sut = baselineMethodFor(product as FlexibilityProduct);
    expect(sut).toEqual({ method, version: BASELINE_METHOD_VERSIONS[method] });
  });

  it('takes an override table', () => {
    const table = { ...DEFAULT_BASELINE_METHODS, FCR: 'nominated-schedule' as const };
    expect(baselineMethodFor('FCR', table).method).toBe('nominated-schedule');
  });
});
