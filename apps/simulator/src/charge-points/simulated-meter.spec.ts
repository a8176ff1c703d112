import { meterValue, nextRegisterWh, powerForPeriodW } from './simulated-meter';

describe(powerForPeriodW.name, () => {
  it.each([
    ['follows a charge setpoint', { startPeriod: 0, setpoint: 7400 }, 7400],
    ['follows a discharge setpoint', { startPeriod: 0, setpoint: -7400, dischargeLimit: -10000 }, -7400],
    ['stops a discharge at its discharge limit', { startPeriod: 0, setpoint: -9000, dischargeLimit: -5000 }, -5000],
    ['never exceeds its own maximum', { startPeriod: 0, setpoint: 50000 }, 11000],
    ['treats a limit as a cap', { startPeriod: 0, limit: 3700 }, 3700],
    ['ignores a limit above its maximum', { startPeriod: 0, limit: 22000 }, 11000],
  ])('%s', (_case, period, expectedW) => {
    expect(powerForPeriodW(period, 11000)).toBe(expectedW);
  });
});

describe(nextRegisterWh.name, () => {
  it('counts imported energy only, in whole Wh', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-01T00:10:00Z');
    // 11,000 W x 1/6 h = 1833.3 Wh -> 1833 Wh; discharging leaves the import register alone
    expect(nextRegisterWh(100, 11000, from, to)).toBe(1933);
    expect(nextRegisterWh(100, -7400, from, to)).toBe(100);
  });
});

describe(meterValue.name, () => {
  it('reports discharge as export power, both non-negative', () => {
    const sut = meterValue(new Date('2026-01-01T00:00:00Z'), -7400, 5000);
    expect(sut.sampledValue.map((s) => [s.measurand, s.value])).toEqual([
      ['Power.Active.Import', 0],
      ['Power.Active.Export', 7400],
      ['Energy.Active.Import.Register', 5000],
    ]);
  });
});
