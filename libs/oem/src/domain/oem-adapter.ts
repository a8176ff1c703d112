import type { OemCommand, OemCommandReceipt } from './oem-command';
import type { VehicleState } from './vehicle-state';

/**
 * What the platform needs from a car maker's cloud (issue 3 item 5, ARCHITECTURE.md section 4).
 * Implementations throw `OemError` with a stable code: OEM_RATE_LIMITED (with `retryAt` from the
 * OEM's Retry-After), OEM_UNAVAILABLE (5xx, timeouts), OEM_AUTH_FAILED, OEM_REQUEST_REJECTED,
 * OEM_BAD_RESPONSE.
 */
export interface OemAdapter {
  /** The configured OEM name; also the party of the `oem` control channel's latency estimate. */
  readonly oem: string;
  fetchVehicleState(oemVehicleRef: string): Promise<VehicleState>;
  /** `requestId` is ours and stable across retries, so the OEM can deduplicate. */
  sendCommand(oemVehicleRef: string, requestId: string, command: OemCommand): Promise<OemCommandReceipt>;
}
