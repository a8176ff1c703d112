import { parseDecimal } from '@vpp/units';
import { readChargingNeeds } from './charging-needs';

describe(readChargingNeeds.name, () => {
  it('reads 2.1 V2X parameters: departure, energy request in kWh, discharge magnitude in kW', () => {
    const sut = readChargingNeeds({
      evseId: 1,
      chargingNeeds: {
        requestedEnergyTransfer: 'DC_BPT',
        departureTime: '2026-03-29T07:00:00Z',
        v2xChargingParameters: { maxChargePower: 11000, maxDischargePower: 10000, evTargetEnergyRequest: 32500, targetSoC: 80 },
      },
    });
    // 32,500 Wh = 32.5 kWh; 10,000 W = 10 kW
    expect(sut.departureAt?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(sut.energyNeedKwh?.equals(parseDecimal('32.5'))).toBe(true);
    expect(sut.maxDischargePowerKw?.equals(parseDecimal('10'))).toBe(true);
    expect(sut.maxChargePowerKw?.equals(parseDecimal('11'))).toBe(true);
    expect(sut.targetSocPct?.equals(parseDecimal('80'))).toBe(true);
    expect(sut.bidirectional).toBe(true);
  });

  it('reads a 2.0.1 AC request: energy amount, no discharge', () => {
    const sut = readChargingNeeds({
      evseId: 1,
      chargingNeeds: { requestedEnergyTransfer: 'AC_three_phase', acChargingParameters: { energyAmount: 20000, evMinCurrent: 6, evMaxCurrent: 16, evMaxVoltage: 400 } },
    });
    expect(sut.energyNeedKwh?.equals(parseDecimal('20'))).toBe(true);
    expect(sut.maxDischargePowerKw).toBeNull();
    expect(sut.departureAt).toBeNull();
    expect(sut.bidirectional).toBe(false);
  });
});
