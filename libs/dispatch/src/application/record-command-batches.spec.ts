import { commandFor } from './record-command-batches';

describe('commandFor: what each channel may be told', () => {
  it('gives OCPI sessions only max-limit caps, never negative', () => {
    expect(commandFor('ocpi', 7.4)).toEqual({ kind: 'limit', kw: 7.4 });
    expect(commandFor('ocpi', 0)).toEqual({ kind: 'limit', kw: 0 });
    expect(commandFor('ocpi', -3)).toEqual({ kind: 'limit', kw: 0 });
  });

  it('gives OCPP sessions signed setpoints (discharge included)', () => {
    expect(commandFor('ocpp', -5)).toEqual({ kind: 'setpoint', kw: -5 });
    expect(commandFor('ocpp', 11)).toEqual({ kind: 'setpoint', kw: 11 });
  });

  it('stops OEM sessions at zero and limits them otherwise', () => {
    expect(commandFor('oem', 0)).toEqual({ kind: 'stop', kw: 0 });
    expect(commandFor('oem', -2)).toEqual({ kind: 'stop', kw: 0 });
    expect(commandFor('oem', 3.7)).toEqual({ kind: 'limit', kw: 3.7 });
  });
});
