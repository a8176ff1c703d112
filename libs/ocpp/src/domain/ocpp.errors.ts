export type OcppErrorCode =
  | 'OCPP_STATION_ID_INVALID'
  | 'OCPP_STATION_EXISTS'
  | 'OCPP_STATION_UNKNOWN'
  | 'OCPP_MAPPING_NOT_FOUND'
  | 'OCPP_STATION_NOT_CONNECTED'
  | 'OCPP_TRANSACTION_UNKNOWN'
  | 'OCPP_SETPOINT_NOT_SUPPORTED'
  | 'OCPP_DISCHARGE_NOT_SUPPORTED'
  | 'OCPP_PROFILE_INVALID'
  | 'OCPP_PASSWORD_INVALID'
  | 'OCPP_WIRE_NUMBER_INVALID'
  | 'OCPP_COMMAND_FAILED';

/** A domain error of the OCPP context: a stable code, no HTTP or RPC knowledge. */
export class OcppError extends Error {
  constructor(
    readonly code: OcppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OcppError';
  }
}
