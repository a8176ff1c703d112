import { DeliveryDay } from '@vpp/units';
import { declaredBeliefs } from './declared-beliefs';
import type { RollingSession } from './rolling-session';
import { simulateRolling } from './rolling-simulator';
import { dwellsPrior, flatPrior, pricesByLocalHour } from './rolling.fixtures';
import { summariseOutcomes } from './value-captured';

// 2025-06-10 is summer time: local = UTC + 2.
const DAY = DeliveryDay.of('2025-06-10');
const local = (hour: number, minute = 0): number => DAY.atLocalTime(hour, minute).getTime();
// 10:00 at 100, 11:00 at 50, 12:00 at 10, every other hour (and D+1) at 100 EUR/MWh.
const HOURLY = new Map([
  [10, 100],
  [11, 50],
  [12, 10],
]);
const prices = pricesByLocalHour(DAY, 2, (d, h) => (d === 0 ? (HOURLY.get(h) ?? 100) : 100));

function ev(id: string, departureHour: number, energyKwh: number, declared: { departureHour?: number; energyKwh?: number }): RollingSession {
  return {
    id,
    arrivalMs: local(10),
    departureMs: local(departureHour),
    energyKwh,
    maxPowerKw: 11,
    ...(declared.departureHour === undefined ? {} : { declaredDepartureMs: local(declared.departureHour) }),
    ...(declared.energyKwh === undefined ? {} : { declaredEnergyKwh: declared.energyKwh }),
  };
}

describe('declaredBeliefs', () => {
  it('plans an undeclared departure on the expected (mean) dwell, re-forecast on the EVs that stayed longer once it has passed (overdue needs at full power)', async () => {
    // History: half the EVs arriving at 10:00 stay 2 h, half 6 h. Expected dwell 4 h: 14:00.
    // Among those that stayed more than 4 h the expected dwell is 6 h: 16:00. None stayed past
    // 6 h: ASSUMED to leave within the ISP.
    const beliefs = declaredBeliefs(dwellsPrior(DAY, 10, [2, 6], 30));
    const session = ev('s', 18, 10, { energyKwh: 10 });
    const seen = (deliveredKwh: number) => ({ session, deliveredKwh, knownFull: false });
    const atArrival = beliefs.beliefAt(seen(0), local(10), undefined);
    expect(atArrival).toEqual({ departureMs: local(14), needKwh: 10 });
    // Before it passes, the expected departure holds like a declaration.
    expect(beliefs.beliefAt(seen(0), local(12, 30), atArrival)).toEqual(atArrival);
    const stayed = beliefs.beliefAt(seen(10), local(14), atArrival);
    expect(stayed.departureMs).toBe(local(16));
    expect(beliefs.beliefAt(seen(10), local(16), stayed).departureMs).toBe(local(16, 15));
    // Still plugged in at 14:00 without its 10 kWh: the rest is overdue, full power this ISP.
    expect(beliefs.beliefAt(seen(5), local(14), atArrival)).toEqual({ departureMs: local(14, 15), needKwh: 10 });
    // The every-instant diagnostic moves it as soon as the EV outstays the 2 h EVs.
    const everyInstant = declaredBeliefs(dwellsPrior(DAY, 10, [2, 6], 30), { revise: 'every-instant' });
    expect(everyInstant.beliefAt(seen(0), local(12, 30), atArrival).departureMs).toBe(local(16));

    // Planned on 14:00, the 10 kWh go to 12:00 (10 EUR/MWh): 0.10 EUR, need met.
    const result = await simulateRolling([session], prices, { beliefs });
    expect(result.outcomes[0]).toMatchObject({ needMet: true, leftEarly: false });
    expect(result.outcomes[0].costEur).toBeCloseTo(10 * 0.01, 6);
  });

  it('counts a session that left earlier than declared apart and keeps it out of need met', async () => {
    // Both declare 10 kWh by 14:00; the planner puts both at 12:00 (10 EUR/MWh). `early` leaves
    // at 11:00 with nothing; `stays` needs only 6 kWh (the car is full: it takes less than
    // offered, and its need is what it got).
    const beliefs = declaredBeliefs(flatPrior(DAY, 10, 4, 20));
    const early = ev('early', 11, 10, { departureHour: 14, energyKwh: 10 });
    const stays = ev('stays', 15, 6, { departureHour: 14, energyKwh: 10 });
    const result = await simulateRolling([early, stays], prices, { beliefs });
    expect(result.outcomes[0]).toMatchObject({ feasible: true, needMet: false, leftEarly: true });
    expect(result.outcomes[0].firstBelief).toEqual({ departureMs: local(14), needKwh: 10 });
    expect(result.outcomes[1]).toMatchObject({ needMet: true, leftEarly: false });
    expect(result.outcomes[1].lastBelief.needKwh).toBeCloseTo(6, 6);
    expect(result.outcomes[1].costEur).toBeCloseTo(6 * 0.01, 6);
    const summary = summariseOutcomes(result.outcomes);
    expect(summary).toMatchObject({ feasible: 2, leftEarly: 1, leftEarlyNeedMet: 0, promised: 1, promisedMet: 1, needMetPct: 100, needMetPctAllFeasible: 50 });
  });
});
