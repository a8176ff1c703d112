import { RPCClient } from 'ocpp-rpc';
import type { RPC_ClientOptions } from 'ocpp-rpc/lib/client';
import { OCPP_STRICT_VALIDATORS } from '@vpp/ocpp';

export interface StationClientOptions {
  /** `ws://host:port/ocpp`; the station id is appended as the last path segment. */
  readonly endpoint: string;
  readonly stationId: string;
  readonly password: string;
  readonly protocols: readonly string[];
  readonly callTimeoutMs?: number;
  /** Off only to test how the CSMS answers invalid messages; a real station validates what it sends. */
  readonly strictMode?: boolean;
}

/**
 * A real OCPP-J client (ocpp-rpc) with basic auth, strict schema validation of what it sends and
 * receives, and automatic reconnects when the CSMS drops it. ocpp-rpc's typings mark every option
 * as required although the library defaults them; the cast only narrows that declaration.
 */
export function createStationClient(options: StationClientOptions): RPCClient {
  const clientOptions: Partial<RPC_ClientOptions> = {
    endpoint: options.endpoint,
    identity: options.stationId,
    password: options.password,
    protocols: [...options.protocols],
    strictMode: options.strictMode ?? true,
    strictModeValidators: OCPP_STRICT_VALIDATORS,
    reconnect: true,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    backoff: { initialDelay: 100, maxDelay: 5_000, factor: 2, randomisationFactor: 0.25 },
  };
  return new RPCClient(clientOptions as RPC_ClientOptions);
}
