import { meterValue, nextImportedWms, powerForPeriodW, WMS_PER_WH } from './simulated-meter';

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

describe(nextImportedWms.name, () => {
  it('counts imported energy only, exactly, so many short intervals lose nothing to rounding', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-01T00:10:00Z');
    // 11,000 W x 1/6 h = 1833.33 Wh; discharging leaves the import register alone
    expect(nextImportedWms(0, 11000, from, to) / WMS_PER_WH).toBeCloseTo(1833.333, 3);
    expect(nextImportedWms(100 * WMS_PER_WH, -7400, from, to)).toBe(100 * WMS_PER_WH);
    // 3,508 W metered in 96 one-minute steps: 5,612.8 Wh, not the 5,568 Wh of 96 steps of 58 Wh each.
    let wms = 0;
    for (let m = 0; m < 96; m++) wms = nextImportedWms(wms, 3508, new Date(from.getTime() + m * 60_000), new Date(from.getTime() + (m + 1) * 60_000));
    expect(Math.floor(wms / WMS_PER_WH)).toBe(5612);
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
