import { DEFAULT_FCR_DROOP, fcrDroopUpKw } from './fcr-droop';

const P = 1000;
const FROM_DEADBAND = { ...DEFAULT_FCR_DROOP, rampFrom: 'deadband' as const };

describe('fcrDroopUpKw', () => {
  it.each([50, 50.005, 49.995, 50.01, 49.99])('is 0 inside and at the edge of the +-10 mHz deadband (%p Hz)', (hz) => {
    expect(fcrDroopUpKw(hz, P)).toBe(0);
    expect(fcrDroopUpKw(hz, P, FROM_DEADBAND)).toBe(0);
  });

  it('just outside the deadband answers with the whole deviation when the ramp starts at 0 mHz', () => {
    expect(fcrDroopUpKw(49.989, P)).toBeCloseTo((P * 0.011) / 0.2, 6);
    expect(fcrDroopUpKw(50.011, P)).toBeCloseTo((-P * 0.011) / 0.2, 6);
  });

  it('just outside the deadband starts from zero when the ramp starts at the deadband edge', () => {
    expect(fcrDroopUpKw(49.989, P, FROM_DEADBAND)).toBeCloseTo((P * 0.001) / 0.19, 6);
    expect(fcrDroopUpKw(50.011, P, FROM_DEADBAND)).toBeCloseTo((-P * 0.001) / 0.19, 6);
  });

  it('is linear in between: 100 mHz low asks half the contracted power up (ramp from 0)', () => {
    expect(fcrDroopUpKw(49.9, P)).toBeCloseTo(500, 6);
    expect(fcrDroopUpKw(50.1, P)).toBeCloseTo(-500, 6);
  });

  it('reaches full activation at +-200 mHz in both modes; low frequency = up (less consumption)', () => {
    expect(fcrDroopUpKw(49.8, P)).toBeCloseTo(P, 6);
    expect(fcrDroopUpKw(50.2, P)).toBeCloseTo(-P, 6);
    expect(fcrDroopUpKw(49.8, P, FROM_DEADBAND)).toBeCloseTo(P, 6);
    expect(fcrDroopUpKw(50.2, P, FROM_DEADBAND)).toBeCloseTo(-P, 6);
  });

  it.each([49.5, 49.0, 50.5, 51.2])('is clamped to the contracted power beyond 200 mHz (%p Hz)', (hz) => {
    expect(Math.abs(fcrDroopUpKw(hz, P))).toBe(P);
    expect(Math.abs(fcrDroopUpKw(hz, P, FROM_DEADBAND))).toBe(P);
  });

  it('asks nothing without capacity or a valid sample', () => {
    expect(fcrDroopUpKw(49.8, 0)).toBe(0);
    expect(fcrDroopUpKw(Number.NaN, P)).toBe(0);
  });
});
