import type { OemCloudConfig } from '@vpp/config';
import type { z } from 'zod';
import { retryAfterMs } from '../domain/backoff';
import type { OemAdapter } from '../domain/oem-adapter';
import type { OemCommand, OemCommandReceipt } from '../domain/oem-command';
import { OemError } from '../domain/oem.errors';
import type { VehicleState } from '../domain/vehicle-state';
import { OemAuth } from './oem-auth';
import { commandReceiptWireSchema, toVehicleState, vehicleStateWireSchema } from './oem-wire.schemas';

function commandBody(requestId: string, command: OemCommand): Record<string, string> {
  switch (command.type) {
    case 'start':
      return { request_id: requestId, type: 'start' };
    case 'stop':
      return { request_id: requestId, type: 'stop' };
    case 'charge-limit':
      return { request_id: requestId, type: 'charge_limit', charge_limit_kw: command.limit.value.toFixed() };
    case 'target-soc':
      return { request_id: requestId, type: 'target_soc', target_soc_percent: command.socPct.toFixed() };
  }
}

/**
 * The generic REST adapter, configured per OEM (base URL, auth, timeouts): `GET
 * /vehicles/{ref}/state` and `POST /vehicles/{ref}/commands`. Maps HTTP outcomes to OEM error
 * codes; rate limiting and backoff are the caller's (`GuardedOemClient`), so every adapter gets them.
 */
export class GenericRestOemAdapter implements OemAdapter {
  readonly oem: string;
  private readonly auth: OemAuth;

  constructor(
    private readonly config: OemCloudConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.oem = config.name;
    this.auth = new OemAuth(config, clock);
  }

  async fetchVehicleState(oemVehicleRef: string): Promise<VehicleState> {
    const wire = await this.request('GET', `/vehicles/${encodeURIComponent(oemVehicleRef)}/state`, undefined, vehicleStateWireSchema);
    return toVehicleState(wire);
  }

  async sendCommand(oemVehicleRef: string, requestId: string, command: OemCommand): Promise<OemCommandReceipt> {
    const wire = await this.request('POST', `/vehicles/${encodeURIComponent(oemVehicleRef)}/commands`, commandBody(requestId, command), commandReceiptWireSchema);
    return { oemCommandId: wire.command_id, acceptedAt: wire.accepted_at };
  }

  private async request<S extends z.ZodTypeAny>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const url = `${this.config.baseUrl.replace(/\/$/, '')}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(await this.auth.headers()) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.requestTimeoutMs),
      });
    } catch (error) {
      if (error instanceof OemError) throw error;
      throw new OemError('OEM_UNAVAILABLE', `${this.oem} unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.throwForStatus(response);
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new OemError('OEM_BAD_RESPONSE', `${this.oem} ${method} ${path}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return parsed.data as z.output<S>;
  }

  private throwForStatus(response: Response): void {
    if (response.ok) return;
    const now = this.clock();
    if (response.status === 429) {
      const waitMs = retryAfterMs(response.headers.get('retry-after'), now);
      throw new OemError('OEM_RATE_LIMITED', `${this.oem} answered 429`, waitMs === undefined ? undefined : new Date(now.getTime() + waitMs));
    }
    if (response.status >= 500) throw new OemError('OEM_UNAVAILABLE', `${this.oem} answered ${response.status}`);
    if (response.status === 401 || response.status === 403) {
      this.auth.invalidate();
      throw new OemError('OEM_AUTH_FAILED', `${this.oem} answered ${response.status}`);
    }
    throw new OemError('OEM_REQUEST_REJECTED', `${this.oem} answered ${response.status}`);
  }
}
