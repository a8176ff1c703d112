import { forecastDay, trainForecastModel, type HistoricalSession } from '@vpp/flexibility/domain';
import { DeliveryDay } from '@vpp/units';
import { SessionPrior } from './session-prior';

const MS_PER_HOUR = 3_600_000;

/** Six weeks of varied, deterministic history: arrivals 06:00-20:00, dwell 0.5-12 h, 2-40 kWh. */
function history(first: DeliveryDay, days: number): HistoricalSession[] {
  const out: HistoricalSession[] = [];
  let k = 0;
  for (let d = 0; d < days; d += 1) {
    const day = first.plusDays(d);
    for (let i = 0; i < 12; i += 1) {
      k += 1;
      const arrivalMs = day.atLocalTime(6 + ((k * 7) % 15), (k * 13) % 60).getTime();
      const dwellHours = 0.5 + ((k * 37) % 115) / 10;
      out.push({ siteId: 'site', arrivalMs, departureMs: arrivalMs + dwellHours * MS_PER_HOUR, energyKwh: 2 + ((k * 53) % 39), maxPowerKw: 11 });
    }
  }
  return out;
}

describe('SessionPrior', () => {
  const first = DeliveryDay.of('2025-03-03');
  const target = DeliveryDay.of('2025-04-14');
  const sessions = history(first, 42);
  const input = { scope: { kind: 'site' as const, id: 'site' }, history: sessions, trainFrom: first, trainTo: target.previous(), knownAt: target.start };

  it('gives the session forecast its own P10 dwell and P90 energy per arrival quarter', () => {
    const prior = SessionPrior.train(input);
    const forecast = forecastDay(trainForecastModel(input), target);
    for (const cohort of forecast.cohorts) {
      const arrivalMs = cohort.arrival.getTime();
      expect(prior.dwellHours(arrivalMs, 0.1)).toBeCloseTo(cohort.dwellHours.p10, 12);
      expect(prior.dwellHours(arrivalMs, 0.5)).toBeCloseTo(cohort.dwellHours.p50, 12);
      expect(prior.energyKwh(arrivalMs, 0.9)).toBeCloseTo(cohort.energyNeedKwh.p90, 12);
    }
  });

  it('conditions on what has been seen: still plugged in after e hours, still drawing after d kWh', () => {
    const prior = SessionPrior.train(input);
    const arrivalMs = target.atLocalTime(9, 0).getTime();
    const p10 = prior.dwellHours(arrivalMs, 0.1);
    const later = prior.dwellHours(arrivalMs, 0.1, p10 + 1);
    expect(later).toBeGreaterThan(p10 + 1);
    expect(prior.energyKwh(arrivalMs, 0.9, 30)).toBeGreaterThan(30);
    // Nobody in the history stayed 100 h or drew 1,000 kWh.
    expect(prior.dwellHours(arrivalMs, 0.1, 100)).toBeNaN();
    expect(prior.energyKwh(arrivalMs, 0.9, 1_000)).toBeNaN();
  });
});
