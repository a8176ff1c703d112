import { DeliveryDay } from '@vpp/units';
import { capToHeadroom, PlannedSession, plannedSessionDeviation } from './planned-session-flexibility';

describe(plannedSessionDeviation.name, () => {
  const day = DeliveryDay.of('2026-06-10');
  const starts = day.isps().map((isp) => isp.start.getTime());
  // 11 kW, plugged in ISPs 41..56 (4 h); the plan charges 11 kWh somewhere in that window.
  const session = (plannedIsps: number[], fixed = false): PlannedSession => {
    const plannedKw = new Float64Array(starts.length);
    for (const isp of plannedIsps) plannedKw[isp - 1] = 11;
    return { sessionId: 's1', arrival: day.ispAt(41).start, departure: day.ispAt(56).end, maxPowerKw: 11, fixed, plannedKw };
  };
  const nonZero = (values: Float64Array): [number, number][] =>
    Array.from(values)
      .map((kw, i): [number, number] => [i + 1, Math.round(kw * 1000) / 1000])
      .filter(([, kw]) => kw !== 0);

  it('planned mid-window: it can stop in each planned ISP and charge early in each ISP before', () => {
    // Plan 49..52. Stopping in 49..52 alone still leaves ISPs 53..56 to catch up; before 49 it could
    // draw full power (the as-soon-as-possible trajectory allows it); after 52 the energy is in.
    const deviation = plannedSessionDeviation(session([49, 50, 51, 52]), starts);
    expect(nonZero(deviation.consumeLessKw)).toEqual([49, 50, 51, 52].map((isp) => [isp, 11]));
    expect(nonZero(deviation.consumeMoreKw)).toEqual([41, 42, 43, 44, 45, 46, 47, 48].map((isp) => [isp, 11]));
  });

  it('planned just in time: nothing to give up (any stop misses the need), only charging earlier', () => {
    const deviation = plannedSessionDeviation(session([53, 54, 55, 56]), starts);
    expect(nonZero(deviation.consumeLessKw)).toEqual([]);
    expect(nonZero(deviation.consumeMoreKw)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52].map((isp) => [isp, 11]));
  });

  it('planned as soon as possible: it can stop in the first ISPs but never charge more', () => {
    const deviation = plannedSessionDeviation(session([41, 42, 43, 44]), starts);
    expect(nonZero(deviation.consumeLessKw)).toEqual([41, 42, 43, 44].map((isp) => [isp, 11]));
    expect(nonZero(deviation.consumeMoreKw)).toEqual([]);
  });

  it('known ahead (changeableFrom): a just-in-time plan can stop in its ISPs by charging earlier, from then on only', () => {
    // Plan 53..56 (just in time). Known from ISP 45 on: ISPs 45..52 (88 kW of free power) can charge
    // the 11 kWh earlier, so each planned ISP can stop alone; ISPs 41..44 already lie in the past.
    const known = { ...session([53, 54, 55, 56]), changeableFrom: day.ispAt(45).start };
    const deviation = plannedSessionDeviation(known, starts);
    expect(nonZero(deviation.consumeLessKw)).toEqual([53, 54, 55, 56].map((isp) => [isp, 11]));
    expect(nonZero(deviation.consumeMoreKw)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52].map((isp) => [isp, 11]));
    // Known only at ISP 56: nothing left before it to charge in, as without the instant.
    const late = plannedSessionDeviation({ ...known, changeableFrom: day.ispAt(56).start }, starts);
    expect(nonZero(late.consumeLessKw)).toEqual([]);
  });

  it('known ahead: no more than the laxity, the free power left in the dwell outside the ISP', () => {
    // 11 kW plugged 41..56, the plan charges 10 of its 16 ISPs fully (44..53): 6 ISPs of 11 kW are free.
    // Known from ISP 41 on, one ISP can stop (11 kW <= 66 kW free); charging later than ISP 56 is impossible.
    const plannedKw = new Float64Array(starts.length);
    for (let isp = 44; isp <= 53; isp += 1) plannedKw[isp - 1] = 11;
    const tight: PlannedSession = { sessionId: 's3', arrival: day.ispAt(41).start, departure: day.ispAt(56).end, maxPowerKw: 11, fixed: false, plannedKw, changeableFrom: day.ispAt(41).start };
    expect(nonZero(plannedSessionDeviation(tight, starts).consumeLessKw)).toEqual([44, 45, 46, 47, 48, 49, 50, 51, 52, 53].map((isp) => [isp, 11]));
    // Plugged in only for half of ISP 56 and charging fully everywhere else: 5.5 kW of laxity in all.
    const full = new Float64Array(starts.length);
    for (let isp = 41; isp <= 55; isp += 1) full[isp - 1] = 11;
    const half: PlannedSession = { ...tight, departure: new Date(day.ispAt(56).start.getTime() + 450_000), plannedKw: full };
    expect(nonZero(plannedSessionDeviation(half, starts).consumeLessKw)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55].map((isp) => [isp, 5.5]));
  });

  it('gives a boost (fixed schedule) no flexibility', () => {
    const deviation = plannedSessionDeviation(session([41, 42, 43, 44], true), starts);
    expect(nonZero(deviation.consumeLessKw)).toEqual([]);
    expect(nonZero(deviation.consumeMoreKw)).toEqual([]);
  });

  it('cuts a session that started the day before at the day start (92-ISP DST day)', () => {
    const spring = DeliveryDay.of('2026-03-29');
    const springStarts = spring.isps().map((isp) => isp.start.getTime());
    const plannedKw = new Float64Array(springStarts.length);
    plannedKw[1] = 7;
    const deviation = plannedSessionDeviation(
      { sessionId: 's2', arrival: new Date(spring.start.getTime() - 3_600_000), departure: spring.ispAt(4).end, maxPowerKw: 7, fixed: false, plannedKw },
      springStarts,
    );
    expect(deviation.consumeLessKw).toHaveLength(92);
    expect(nonZero(deviation.consumeLessKw)).toEqual([[2, 7]]);
    expect(nonZero(deviation.consumeMoreKw)).toEqual([[1, 7]]);
  });
});

describe(`${plannedSessionDeviation.name} over a window of ISPs activated together`, () => {
  const day = DeliveryDay.of('2026-06-10');
  const starts = day.isps().map((isp) => isp.start.getTime());
  const indices = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k - 1);
  const plan = (isps: number[]): Float64Array => {
    const plannedKw = new Float64Array(starts.length);
    for (const isp of isps) plannedKw[isp - 1] = 11;
    return plannedKw;
  };
  // 11 kW plugged in ISPs 41..56, known from ISP 41 on.
  const session = (plannedIsps: number[], extra: Partial<PlannedSession> = {}): PlannedSession => ({
    sessionId: 'w1',
    arrival: day.ispAt(41).start,
    departure: day.ispAt(56).end,
    maxPowerKw: 11,
    fixed: false,
    plannedKw: plan(plannedIsps),
    changeableFrom: day.ispAt(41).start,
    ...extra,
  });
  const sum = (values: Float64Array, from: number, to: number): number => Array.from(values.subarray(from - 1, to)).reduce((a, b) => a + b, 0);
  const rounded = (values: Float64Array, from: number, to: number): number[] => Array.from(values.subarray(from - 1, to)).map((kw) => Math.round(kw * 1000) / 1000);

  it('consume less: the window ISPs together use no more than the free power outside the window, spread evenly', () => {
    // The plan charges 44..53 fully: 6 ISPs of 11 kW free (41..43, 54..56) = 66 kW to make up in.
    // Each ISP alone could stop (11 kW <= 66 kW), but 44..51 all at once would need 88 kW of make-up.
    const tight = session(range(44, 53));
    const alone = plannedSessionDeviation(tight, starts);
    expect(sum(alone.consumeLessKw, 44, 51)).toBeCloseTo(88, 9);
    const joint = plannedSessionDeviation(tight, starts, indices(44, 51));
    expect(rounded(joint.consumeLessKw, 44, 51)).toEqual(Array(8).fill(8.25));
    expect(sum(joint.consumeLessKw, 44, 51)).toBeLessThanOrEqual(66 + 1e-9);
    // Only the window is asked for.
    expect(sum(joint.consumeLessKw, 1, 43) + sum(joint.consumeLessKw, 52, 96) + sum(joint.consumeMoreKw, 1, 43) + sum(joint.consumeMoreKw, 52, 96)).toBe(0);
  });

  it('consume more: the window ISPs together give up no more than the planned charging outside the window', () => {
    // Just in time (53..56, 44 kW planned): each of 45..52 alone could charge 11 kW more, together only 44 kW.
    const jit = session(range(53, 56));
    expect(sum(plannedSessionDeviation(jit, starts).consumeMoreKw, 45, 52)).toBeCloseTo(88, 9);
    const joint = plannedSessionDeviation(jit, starts, indices(45, 52));
    expect(rounded(joint.consumeMoreKw, 45, 52)).toEqual(Array(8).fill(5.5));
    expect(sum(joint.consumeLessKw, 45, 52)).toBe(0);
  });

  it('spreads only over the ISPs that have something to give: an ISP without plan takes no share of the make-up', () => {
    // Plan 44..53, window 48..55: 54 and 55 plan nothing, so the 44 kW free outside (41..43, 56) go to 48..53.
    const joint = plannedSessionDeviation(session(range(44, 53)), starts, indices(48, 55));
    expect(rounded(joint.consumeLessKw, 48, 55)).toEqual([...Array(6).fill(7.333), 0, 0]);
  });

  it('not known ahead: each part of the window is made up after it, a later part with less room is held lower', () => {
    // Plugged 41..55, plan 45, 46, 51..54; window 45, 46, 51, 52. Free after the window: 47..50 (44 kW) and 55 (11 kW).
    // 51 and 52 can only be made up in 55: 5.5 kW each; 45 and 46 in 47..50: 11 kW each.
    const early = session([45, 46, 51, 52, 53, 54], { departure: day.ispAt(55).end, changeableFrom: undefined });
    const alone = plannedSessionDeviation(early, starts);
    expect(rounded(alone.consumeLessKw, 51, 52)).toEqual([11, 11]);
    const joint = plannedSessionDeviation(early, starts, [...indices(45, 46), ...indices(51, 52)]);
    expect([45, 46, 51, 52].map((isp) => Math.round(joint.consumeLessKw[isp - 1] * 1000) / 1000)).toEqual([11, 11, 5.5, 5.5]);
  });

  it('a window of one ISP gives that ISP the figure it has without a window', () => {
    const sessions: PlannedSession[] = [
      session([49, 50, 51, 52]),
      session([53, 54, 55, 56], { changeableFrom: undefined }),
      session([53, 54, 55, 56], { changeableFrom: day.ispAt(45).start }),
      session(range(44, 53)),
      session(range(41, 55), { departure: new Date(day.ispAt(56).start.getTime() + 450_000) }),
      session([45, 46, 51, 52, 53, 54], { departure: day.ispAt(55).end, changeableFrom: undefined }),
    ];
    for (const planned of sessions) {
      const alone = plannedSessionDeviation(planned, starts);
      for (let i = 0; i < starts.length; i += 1) {
        const one = plannedSessionDeviation(planned, starts, [i]);
        expect([i, one.consumeLessKw[i], one.consumeMoreKw[i]]).toEqual([i, expect.closeTo(alone.consumeLessKw[i], 9), expect.closeTo(alone.consumeMoreKw[i], 9)]);
      }
    }
  });

  it('gives a boost no flexibility in a window either', () => {
    const joint = plannedSessionDeviation(session(range(44, 53), { fixed: true }), starts, indices(44, 51));
    expect(sum(joint.consumeLessKw, 1, 96) + sum(joint.consumeMoreKw, 1, 96)).toBe(0);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

describe(capToHeadroom.name, () => {
  it('takes the least of flexibility and headroom per ISP, in whole watts rounded down, never negative', () => {
    expect(Array.from(capToHeadroom([30, 30, 30.0009, 5], [12.5, 40, 40, -1]))).toEqual([12.5, 30, 30, 0]);
  });
});
