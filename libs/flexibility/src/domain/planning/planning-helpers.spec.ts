import { Decimal, DeliveryDay, Isp } from '@vpp/units';
import { flexibilityEnvelope } from '../flexibility-envelope';
import { dayPrices } from './day-prices';
import { ledgerAvailability } from './ledger-availability';
import { weightedEnvelope } from './weighted-envelope';

describe('weightedEnvelope', () => {
  it('scales powers and energies by the expected count and keeps the shape', () => {
    const envelope = flexibilityEnvelope({
      arrival: new Date('2026-11-27T08:00:00Z'),
      departure: new Date('2026-11-27T10:00:00Z'),
      energyNeedKwh: 10,
      evMaxPowerKw: 11,
      evseMaxPowerKw: 11,
      siteShareKw: 100,
      degradationCostEurPerKwh: 0,
    });
    const cohort = weightedEnvelope(envelope, 2.5);
    expect(cohort.maxPowerKw[0]).toBeCloseTo(27.5, 9);
    expect(cohort.targetStoredKwh).toBeCloseTo(envelope.targetStoredKwh * 2.5, 9);
    expect(cohort.earliestEnergyKwh[3]).toBeCloseTo(envelope.earliestEnergyKwh[3] * 2.5, 9);
    expect(cohort.isps).toBe(envelope.isps);
    expect(() => weightedEnvelope(envelope, 0)).toThrow('weight must be positive');
  });
});

describe('dayPrices', () => {
  const day = DeliveryDay.of('2026-11-27');
  const dayStartMs = day.start.getTime();
  const weekMs = 7 * 86_400_000;
  // Prices known up to the end of the day: the day itself costs 100 + ISP index, the week before 50 + ISP index.
  const lookup = (isp: Isp): number | undefined => {
    const k = (isp.start.getTime() - dayStartMs) / 900_000;
    if (k >= 0 && k < 96) return 100 + k;
    const w = (isp.start.getTime() - dayStartMs + weekMs) / 900_000;
    return w >= 0 && w < 96 ? 50 + w : undefined;
  };

  it('uses the day-ahead prices once they are published (13:00 local D-1)', () => {
    const prices = dayPrices(lookup, day, new Date('2026-11-26T12:00:00Z')); // 13:00 CET
    expect(prices.source).toBe('day-ahead');
    expect(prices.pricesEurPerMwh[5]).toBe(105);
  });

  it('falls back to the same ISP one week earlier before publication, and labels it assumed', () => {
    const prices = dayPrices(lookup, day, new Date('2026-11-26T06:00:00Z'));
    expect(prices.source).toBe('naive-week-before');
    expect(prices.pricesEurPerMwh[5]).toBe(55);
    expect(prices.note).toMatch(/^assumed: naive price forecast/);
  });

  it('refuses when neither is available', () => {
    expect(() => dayPrices(() => undefined, day, new Date('2026-11-26T06:00:00Z'))).toThrow('no day-ahead price');
  });
});

describe('ledgerAvailability', () => {
  it('never writes below what is reserved and reports those cells as conflicts', () => {
    const ispStart = new Date('2026-11-27T10:00:00Z');
    const result = ledgerAvailability([
      { ispStart, direction: 'up', plannedKw: new Decimal('40.5'), reservedKw: new Decimal('10') },
      { ispStart, direction: 'down', plannedKw: new Decimal('5'), reservedKw: new Decimal('12.25') },
      { ispStart, direction: 'up', plannedKw: new Decimal('-0.001'), reservedKw: new Decimal('0') },
    ]);
    expect(result.entries.map((e) => e.availableKw.toFixed())).toEqual(['40.5', '12.25', '0']);
    expect(result.conflicts).toEqual([{ ispStart: ispStart.toISOString(), direction: 'down', plannedKw: '5', reservedKw: '12.25' }]);
  });
});
