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

describe(capToHeadroom.name, () => {
  it('takes the least of flexibility and headroom per ISP, in whole watts rounded down, never negative', () => {
    expect(Array.from(capToHeadroom([30, 30, 30.0009, 5], [12.5, 40, 40, -1]))).toEqual([12.5, 30, 30, 0]);
  });
});
