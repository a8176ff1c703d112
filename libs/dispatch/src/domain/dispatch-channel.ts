/**
 * How a session is steered, as a small integer so it fits a Uint8Array.
 * - OCPI 2.2.1: a charging profile is a maximum limit only (MARKETS.md section 8): the command is a cap
 *   between 0 and what the car draws by itself; no discharge, no forcing.
 * - OCPP 2.1: a setpoint, including discharge where the envelope allows it (band minimum below zero).
 * - OEM API: start, stop and limit: 0 or a charging limit, no discharge.
 */
export const DispatchChannel = { ocpi: 0, ocpp: 1, oem: 2 } as const;
export type DispatchChannelName = keyof typeof DispatchChannel;
export type DispatchChannelCode = (typeof DispatchChannel)[DispatchChannelName];

export const DISPATCH_CHANNEL_NAMES: readonly DispatchChannelName[] = ['ocpi', 'ocpp', 'oem'];

export function dispatchChannelName(code: number): DispatchChannelName {
  const name = DISPATCH_CHANNEL_NAMES[code];
  if (name === undefined) throw new RangeError(`unknown dispatch channel code ${code}`);
  return name;
}

/** Whether the channel can make the session discharge (only OCPP 2.1 setpoints can). */
export function channelCanDischarge(code: number): boolean {
  return code === DispatchChannel.ocpp;
}

/** Whether the command is only a ceiling on what the car draws by itself (OCPI). */
export function channelIsCapOnly(code: number): boolean {
  return code === DispatchChannel.ocpi;
}
