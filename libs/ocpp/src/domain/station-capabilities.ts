import type { OcppSubprotocol } from '../protocol/ocpp-messages';

/** What we may ask of a station. Setpoints and discharge exist only in OCPP 2.1 (V2X). */
export interface StationCapabilities {
  readonly supportsSetpoints: boolean;
  readonly supportsDischarge: boolean;
}

/**
 * The operator declares at registration whether the station's hardware is bidirectional; the
 * negotiated protocol decides whether we can use it: 2.0.1 has no setpoint or dischargeLimit
 * fields (2.1 Part 2, ChargingSchedulePeriodType), so a 2.0.1 connection gets limits only.
 */
export function effectiveCapabilities(declaredBidirectional: boolean, protocol: OcppSubprotocol | null): StationCapabilities {
  const v2x = protocol === 'ocpp2.1';
  return { supportsSetpoints: v2x, supportsDischarge: v2x && declaredBidirectional };
}
