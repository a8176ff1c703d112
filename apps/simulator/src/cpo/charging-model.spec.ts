import { ChargingSession, deliveredWh, kwhText, wholeThousandths } from './charging-model';

const HOUR = 3_600_000;
const session: ChargingSession = { arrivalMs: 0, departureMs: 4 * HOUR, maxPowerW: 11_000, energyWh: 20_000 };

describe('the simulated CPO charging model', () => {
  it('charges at max power from arrival until the energy is delivered', () => {
    expect(deliveredWh(session, [], 0)).toBe(0);
    expect(deliveredWh(session, [], HOUR)).toBe(11_000);
    expect(deliveredWh(session, [], 2 * HOUR)).toBe(20_000);
    expect(deliveredWh(session, [], 10 * HOUR)).toBe(20_000);
  });

  it('is capped by every limit from the instant it applied, piecewise', () => {
    const limits = [
      { fromMs: HOUR, limitW: 3_700 },
      { fromMs: 1.5 * HOUR, limitW: 0 },
      { fromMs: 2 * HOUR, limitW: null },
    ];
    expect(deliveredWh(session, limits, 1.5 * HOUR)).toBe(12_850);
    expect(deliveredWh(session, limits, 2 * HOUR)).toBe(12_850);
    expect(deliveredWh(session, limits, 2.5 * HOUR)).toBe(18_350);
    expect(deliveredWh(session, limits, 3 * HOUR)).toBe(20_000);
  });

  it('stops at departure even with energy left, and a limit above the max power changes nothing', () => {
    const short: ChargingSession = { ...session, departureMs: HOUR };
    expect(deliveredWh(short, [], 3 * HOUR)).toBe(11_000);
    expect(deliveredWh(session, [{ fromMs: 0, limitW: 22_000 }], HOUR)).toBe(11_000);
  });

  it('writes kWh with three decimals and reads decimal kW/kWh text exactly', () => {
    expect(kwhText(12_850)).toBe('12.850');
    expect(kwhText(5)).toBe('0.005');
    expect(wholeThousandths('7.4')).toBe(7_400);
    expect(wholeThousandths('12.3456789')).toBe(12_345);
  });
});
