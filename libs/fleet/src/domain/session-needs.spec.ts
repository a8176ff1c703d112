import { Decimal, EnergyKwh } from '@vpp/units';
import { SessionNeeds, assertSessionNeeds, sessionNeedsIssue } from './session-needs';

const arrival = new Date('2026-03-02T08:00:00Z');
const needs = (over: Partial<SessionNeeds>): SessionNeeds => ({
  arrivalAt: arrival, expectedDepartureAt: new Date('2026-03-02T17:00:00Z'), energyNeedKwh: EnergyKwh.fromString('20'), targetSocPct: null, minSocPct: null, ...over,
});

describe(sessionNeedsIssue.name, () => {
  it('accepts sensible needs', () => {
    expect(sessionNeedsIssue(needs({}))).toBeNull();
  });

  it.each<[string, Partial<SessionNeeds>, string]>([
    ['departure before arrival', { expectedDepartureAt: new Date('2026-03-02T07:00:00Z') }, 'departure_before_arrival'],
    ['departure equal to arrival', { expectedDepartureAt: arrival }, 'departure_before_arrival'],
    ['zero energy need', { energyNeedKwh: EnergyKwh.zero() }, 'zero_energy_need'],
    ['negative energy need', { energyNeedKwh: EnergyKwh.fromString('-1') }, 'zero_energy_need'],
    ['min SoC above target', { targetSocPct: new Decimal(60), minSocPct: new Decimal(70) }, 'min_soc_above_target'],
  ])('flags %s', (_name, over, issue) => {
    expect(sessionNeedsIssue(needs(over))).toBe(issue);
  });

  it('throws the coded errors when asserted', () => {
    expect(() => assertSessionNeeds(needs({ expectedDepartureAt: new Date('2026-03-01T00:00:00Z') }))).toThrow(expect.objectContaining({ code: 'DEPARTURE_BEFORE_ARRIVAL' }));
    expect(() => assertSessionNeeds(needs({ energyNeedKwh: EnergyKwh.zero() }))).toThrow(expect.objectContaining({ code: 'ZERO_ENERGY_NEED' }));
  });

  it('refuses SoC outside 0-100 as INVALID_SOC', () => {
    expect(() => sessionNeedsIssue(needs({ targetSocPct: new Decimal('100.5') }))).toThrow(expect.objectContaining({ code: 'INVALID_SOC' }));
  });
});
