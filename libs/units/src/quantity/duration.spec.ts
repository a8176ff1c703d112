import { Decimal } from '../decimal';
import { unitsErrorCode } from '../test-support/units-error-code';
import { durationInHours } from './duration';

describe(durationInHours.name, () => {
  it.each([
    [4, '4'],
    [new Decimal('0.25'), '0.25'],
    [{ durationHours: new Decimal('1.5') }, '1.5'],
    [0, '0'],
  ])('reads %p as %s hours', (duration, hours) => {
    expect(durationInHours(duration).toFixed()).toBe(hours);
  });

  it.each([-1, new Decimal('-0.25'), { durationHours: new Decimal(-4) }])('refuses the negative duration %p', (duration) => {
    expect(unitsErrorCode(() => durationInHours(duration))).toBe('INVALID_DURATION');
  });

  it('refuses float hours', () => {
    expect(unitsErrorCode(() => durationInHours(0.25))).toBe('NOT_A_SAFE_INTEGER');
  });
});
