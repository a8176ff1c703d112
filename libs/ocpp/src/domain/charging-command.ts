import { Decimal, RoundingMode } from '@vpp/units';
import type { ChargingSchedulePeriod, SetChargingProfileRequest } from '../protocol/ocpp-messages';
import { OcppError } from './ocpp.errors';
import type { StationCapabilities } from './station-capabilities';
import { kwToWatts, wattsToWire } from './wire-number';

/**
 * What the dispatcher wants one transaction to do. Either a maximum (`limitKw`, >= 0, what OCPP
 * 2.0.1 and OCPI can express) or a setpoint (`setpointKw`, signed: negative = discharge, OCPP 2.1
 * CentralSetpoint), optionally bounded by `dischargeLimitKw` (a magnitude >= 0).
 */
export type ChargingCommand =
  | { readonly kind: 'limit'; readonly limitKw: Decimal }
  | { readonly kind: 'setpoint'; readonly setpointKw: Decimal; readonly dischargeLimitKw?: Decimal };

export interface ProfileTarget {
  readonly evseId: number;
  readonly transactionId: string;
  readonly profileId: number;
  readonly startsAt: Date;
  readonly durationS?: number;
}

// Our profiles sit above station defaults; one stack level for all of them so a new command
// replaces the previous one with the same id (2.0.1 Part 2, K01.FR.05).
export const TX_PROFILE_STACK_LEVEL = 1;

function period(command: ChargingCommand, capabilities: StationCapabilities): ChargingSchedulePeriod {
  if (command.kind === 'limit') {
    if (command.limitKw.isNegative()) throw new OcppError('OCPP_PROFILE_INVALID', 'a limit is a maximum and cannot be negative; use a setpoint to discharge');
    return { startPeriod: 0, limit: wattsToWire(kwToWatts(command.limitKw), RoundingMode.TOWARD_ZERO) };
  }
  if (!capabilities.supportsSetpoints) throw new OcppError('OCPP_SETPOINT_NOT_SUPPORTED', 'setpoints need an OCPP 2.1 station');
  const discharging = command.setpointKw.isNegative();
  const dischargeLimitKw = command.dischargeLimitKw ?? (discharging ? command.setpointKw.abs() : undefined);
  if ((discharging || dischargeLimitKw?.greaterThan(0)) && !capabilities.supportsDischarge) {
    throw new OcppError('OCPP_DISCHARGE_NOT_SUPPORTED', 'this station cannot discharge (not bidirectional or not OCPP 2.1)');
  }
  if (dischargeLimitKw?.isNegative()) throw new OcppError('OCPP_PROFILE_INVALID', 'dischargeLimitKw is a magnitude (>= 0)');
  if (discharging && dischargeLimitKw && command.setpointKw.abs().greaterThan(dischargeLimitKw)) {
    throw new OcppError('OCPP_PROFILE_INVALID', 'the setpoint discharges more than the discharge limit allows');
  }
  const result: ChargingSchedulePeriod = {
    startPeriod: 0,
    operationMode: 'CentralSetpoint',
    setpoint: wattsToWire(kwToWatts(command.setpointKw), RoundingMode.HALF_EVEN),
  };
  // 2.1 carries dischargeLimit as a value <= 0 "to be consistent with setpoint" (ChargingSchedulePeriodType).
  if (dischargeLimitKw !== undefined) result.dischargeLimit = -wattsToWire(kwToWatts(dischargeLimitKw), RoundingMode.TOWARD_ZERO);
  return result;
}

/**
 * A TxProfile with one absolute schedule in W (OCPP 2.0.1 Part 2 K01 SetChargingProfile; 2.1
 * adds operationMode, setpoint and dischargeLimit per period). Watts are whole: the wire
 * rounding is named above (limits toward zero, setpoints half-even).
 */
export function buildSetChargingProfile(target: ProfileTarget, command: ChargingCommand, capabilities: StationCapabilities): SetChargingProfileRequest {
  return {
    evseId: target.evseId,
    chargingProfile: {
      id: target.profileId,
      stackLevel: TX_PROFILE_STACK_LEVEL,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Absolute',
      transactionId: target.transactionId,
      chargingSchedule: [
        {
          id: target.profileId,
          chargingRateUnit: 'W',
          startSchedule: target.startsAt.toISOString(),
          ...(target.durationS !== undefined ? { duration: target.durationS } : {}),
          chargingSchedulePeriod: [period(command, capabilities)],
        },
      ],
    },
  };
}
