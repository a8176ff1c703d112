// The subset of OCPP 2.0.1 / 2.1 JSON messages the CSMS reads and sends (OCPP 2.1 Edition 1,
// Part 2 "Specification", messages and datatypes; the wire schemas themselves are the ones
// ocpp-rpc ships and validates in strict mode). Only fields we use are typed; everything the
// schemas allow still passes through untouched.

export type OcppSubprotocol = 'ocpp2.1' | 'ocpp2.0.1';

/** Preference order offered to stations: 2.1 first, so V2X-capable stations negotiate it. */
export const OCPP_SUBPROTOCOLS: readonly OcppSubprotocol[] = ['ocpp2.1', 'ocpp2.0.1'];

export function isOcppSubprotocol(value: string | undefined): value is OcppSubprotocol {
  return value === 'ocpp2.1' || value === 'ocpp2.0.1';
}

export interface BootNotificationRequest {
  reason: string;
  chargingStation: { model: string; vendorName: string; serialNumber?: string; firmwareVersion?: string };
}

export interface BootNotificationResponse {
  currentTime: string;
  interval: number;
  status: 'Accepted' | 'Pending' | 'Rejected';
}

export interface StatusNotificationRequest {
  timestamp: string;
  connectorStatus: 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted';
  evseId: number;
  connectorId: number;
}

export interface UnitOfMeasure {
  unit?: string;
  multiplier?: number;
}

export interface SampledValue {
  value: number;
  measurand?: string;
  context?: string;
  phase?: string;
  unitOfMeasure?: UnitOfMeasure;
}

export interface MeterValue {
  timestamp: string;
  sampledValue: SampledValue[];
}

export type TransactionEventType = 'Started' | 'Updated' | 'Ended';
export type ChargingState = 'EVConnected' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';

export interface TransactionEventRequest {
  eventType: TransactionEventType;
  timestamp: string;
  triggerReason: string;
  seqNo: number;
  offline?: boolean;
  meterValue?: MeterValue[];
  evse?: { id: number; connectorId?: number };
  transactionInfo: { transactionId: string; chargingState?: ChargingState; stoppedReason?: string };
}

export interface MeterValuesRequest {
  evseId: number;
  meterValue: MeterValue[];
}

export interface V2xChargingParameters {
  maxChargePower?: number;
  maxDischargePower?: number;
  minDischargePower?: number;
  evTargetEnergyRequest?: number;
  evMinEnergyRequest?: number;
  targetSoC?: number;
}

export interface ChargingNeeds {
  requestedEnergyTransfer: string;
  availableEnergyTransfer?: string[];
  departureTime?: string;
  acChargingParameters?: { energyAmount: number; evMinCurrent: number; evMaxCurrent: number; evMaxVoltage: number };
  dcChargingParameters?: { evMaxCurrent: number; evMaxVoltage: number; energyAmount?: number; evMaxPower?: number; stateOfCharge?: number };
  v2xChargingParameters?: V2xChargingParameters;
}

export interface NotifyEVChargingNeedsRequest {
  evseId: number;
  chargingNeeds: ChargingNeeds;
  timestamp?: string;
}

export type OperationMode = 'Idle' | 'ChargingOnly' | 'CentralSetpoint' | 'ExternalSetpoint' | 'ExternalLimits';

export interface ChargingSchedulePeriod {
  startPeriod: number;
  limit?: number;
  numberPhases?: number;
  /** 2.1: power the EV should follow; negative = discharge. */
  setpoint?: number;
  /** 2.1: how much the EV may discharge, always <= 0. */
  dischargeLimit?: number;
  operationMode?: OperationMode;
}

export interface ChargingProfile {
  id: number;
  stackLevel: number;
  chargingProfilePurpose: 'TxProfile';
  chargingProfileKind: 'Absolute';
  transactionId: string;
  validFrom?: string;
  validTo?: string;
  chargingSchedule: Array<{
    id: number;
    chargingRateUnit: 'W';
    startSchedule: string;
    duration?: number;
    chargingSchedulePeriod: ChargingSchedulePeriod[];
  }>;
}

export interface SetChargingProfileRequest {
  evseId: number;
  chargingProfile: ChargingProfile;
}

export interface ChargingProfileStatusResponse {
  status: string;
  statusInfo?: { reasonCode: string; additionalInfo?: string };
}

export interface ClearChargingProfileRequest {
  chargingProfileId?: number;
  chargingProfileCriteria?: { evseId?: number; chargingProfilePurpose?: 'TxProfile' };
}
