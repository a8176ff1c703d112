import { parseDecimal } from '@vpp/units';
import { effectiveNeeds } from './effective-needs';
import { applyChange, MobilityNeeds, NO_NEEDS, validateNeeds } from './mobility-needs';
import { MobilityError } from './mobility.errors';

const now = new Date('2026-01-10T12:00:00Z');
const arrivalAt = new Date('2026-01-10T08:00:00Z');
const d = parseDecimal;

function codeOf(needs: Partial<MobilityNeeds>, context = { now, arrivalAt }): string | undefined {
  try {
    validateNeeds({ ...NO_NEEDS, ...needs }, context);
    return undefined;
  } catch (error) {
    return error instanceof MobilityError ? error.code : 'OTHER';
  }
}

describe(validateNeeds.name, () => {
  it.each([
    [{ departureAt: new Date('2026-01-10T17:00:00Z'), energyNeedKwh: d('20'), minSocPct: d('30') }, undefined],
    [{ departureAt: new Date('2026-01-10T11:59:59Z') }, 'DEPARTURE_IN_PAST'],
    [{ departureAt: now }, 'DEPARTURE_IN_PAST'],
    [{ energyNeedKwh: d('0') }, 'ENERGY_NEED_NOT_POSITIVE'],
    [{ energyNeedKwh: d('-1') }, 'ENERGY_NEED_NOT_POSITIVE'],
    [{ energyNeedKwh: d('10'), targetSocPct: d('80') }, 'NEED_AMBIGUOUS'],
    [{ targetSocPct: d('100.01') }, 'SOC_OUT_OF_RANGE'],
    [{ minSocPct: d('-0.5') }, 'SOC_OUT_OF_RANGE'],
    [{ targetSocPct: d('60'), minSocPct: d('60.5') }, 'MIN_SOC_ABOVE_TARGET'],
    [{ targetSocPct: d('60'), minSocPct: d('60') }, undefined],
  ])('%p -> %p', (needs, code) => {
    expect(codeOf(needs)).toBe(code);
  });

  it('refuses a departure before the arrival even when it is in the future', () => {
    const later = { now, arrivalAt: new Date('2026-01-10T20:00:00Z') };
    expect(codeOf({ departureAt: new Date('2026-01-10T19:00:00Z') }, later)).toBe('DEPARTURE_BEFORE_ARRIVAL');
  });
});

describe(applyChange.name, () => {
  it('keeps absent fields, clears nulls, and switches the kind of need', () => {
    const current = { ...NO_NEEDS, energyNeedKwh: d('20'), minSocPct: d('30') };
    const sut = applyChange(current, { targetSocPct: d('80'), minSocPct: null });
    expect(sut).toEqual({ ...NO_NEEDS, targetSocPct: d('80') });
  });
});

describe(effectiveNeeds.name, () => {
  it('takes the session override over the vehicle override over the reported values, per field', () => {
    const reported = { departureAt: new Date('2026-01-10T18:00:00Z'), energyNeedKwh: d('30'), targetSocPct: null, minSocPct: d('20') };
    const vehicle = { ...NO_NEEDS, minSocPct: d('40'), boostRequestedAt: null };
    const session = { ...NO_NEEDS, targetSocPct: d('90'), boostRequestedAt: now };
    const sut = effectiveNeeds(reported, session, vehicle);
    expect(sut).toEqual({
      departureAt: reported.departureAt,
      energyNeedKwh: null,
      targetSocPct: d('90'),
      minSocPct: d('40'),
      boostRequestedAt: now,
      origin: { departure: 'reported', need: 'session-override', minSoc: 'vehicle-override' },
    });
  });
});
