import { parseDecimal } from '@vpp/units';
import { buildSetChargingProfile, TX_PROFILE_STACK_LEVEL } from './charging-command';
import { OcppError } from './ocpp.errors';

const target = { evseId: 1, transactionId: 'tx-1', profileId: 42, startsAt: new Date('2026-03-29T01:00:00Z'), durationS: 900 };
const v2x = { supportsSetpoints: true, supportsDischarge: true };
const limitsOnly = { supportsSetpoints: false, supportsDischarge: false };

function period(request: ReturnType<typeof buildSetChargingProfile>) {
  return request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0];
}

describe(buildSetChargingProfile.name, () => {
  it('sends a limit as an absolute TxProfile in whole watts, rounded toward zero', () => {
    const sut = buildSetChargingProfile(target, { kind: 'limit', limitKw: parseDecimal('7.3999') }, limitsOnly);
    // 7.3999 kW = 7399.9 W -> 7399 W: never allow more than decided
    expect(period(sut)).toEqual({ startPeriod: 0, limit: 7399 });
    expect(sut.chargingProfile).toMatchObject({ id: 42, stackLevel: TX_PROFILE_STACK_LEVEL, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Absolute', transactionId: 'tx-1' });
    expect(sut.chargingProfile.chargingSchedule[0]).toMatchObject({ chargingRateUnit: 'W', startSchedule: '2026-03-29T01:00:00.000Z', duration: 900 });
  });

  it('sends a discharge setpoint with CentralSetpoint and a non-positive discharge limit on a V2X station', () => {
    const sut = buildSetChargingProfile(target, { kind: 'setpoint', setpointKw: parseDecimal('-5.0005'), dischargeLimitKw: parseDecimal('10') }, v2x);
    // -5000.5 W half-even -> -5000 W; the limit travels as -10000 W (2.1: dischargeLimit <= 0)
    expect(period(sut)).toEqual({ startPeriod: 0, operationMode: 'CentralSetpoint', setpoint: -5000, dischargeLimit: -10000 });
  });

  it('defaults the discharge limit to the setpoint magnitude', () => {
    const sut = buildSetChargingProfile(target, { kind: 'setpoint', setpointKw: parseDecimal('-3.7') }, v2x);
    expect(period(sut)).toMatchObject({ setpoint: -3700, dischargeLimit: -3700 });
  });

  it.each([
    ['a setpoint on a 2.0.1 station', { kind: 'setpoint' as const, setpointKw: parseDecimal('5') }, limitsOnly, 'OCPP_SETPOINT_NOT_SUPPORTED'],
    ['discharge on a station that cannot', { kind: 'setpoint' as const, setpointKw: parseDecimal('-5') }, { supportsSetpoints: true, supportsDischarge: false }, 'OCPP_DISCHARGE_NOT_SUPPORTED'],
    ['a negative limit', { kind: 'limit' as const, limitKw: parseDecimal('-1') }, v2x, 'OCPP_PROFILE_INVALID'],
    ['a setpoint beyond its discharge limit', { kind: 'setpoint' as const, setpointKw: parseDecimal('-8'), dischargeLimitKw: parseDecimal('5') }, v2x, 'OCPP_PROFILE_INVALID'],
  ])('refuses %s', (_case, command, capabilities, code) => {
    expect(() => buildSetChargingProfile(target, command, capabilities)).toThrow(expect.objectContaining({ code }) as OcppError);
  });
});
