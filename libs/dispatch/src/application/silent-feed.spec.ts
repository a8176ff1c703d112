import { holdActivation } from './silent-feed';

describe(holdActivation.name, () => {
  const setpoint = { sequence: 7, kw: 250, issuedAtMs: 1_000, receivedAtMs: 2_000 };

  it('holds the last setpoint up to the silence limit, inclusive', () => {
    expect(holdActivation(setpoint, 2_000 + 30_000, 30_000)).toEqual({ afrrKw: 250, silent: false });
  });

  it('falls back to 0 MW once the feed has been silent longer than the limit', () => {
    expect(holdActivation(setpoint, 2_000 + 30_001, 30_000)).toEqual({ afrrKw: 0, silent: true });
  });

  it('measures silence from receipt, not from the TSO clock', () => {
    const lateIssued = { ...setpoint, issuedAtMs: -60_000 };
    expect(holdActivation(lateIssued, 2_000 + 10_000, 30_000)).toEqual({ afrrKw: 250, silent: false });
  });

  it('is not silent before any setpoint arrived: no activation, no alert', () => {
    expect(holdActivation(null, 99_000, 30_000)).toEqual({ afrrKw: 0, silent: false });
  });
});
