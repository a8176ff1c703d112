import { Decimal } from '@vpp/units';
import type { ChannelSendResult } from '../../application/channel-senders';

export function nonNegative(kw: Decimal): Decimal {
  return kw.isNegative() ? new Decimal(0) : kw;
}

export function failed(error: string): ChannelSendResult {
  return { status: 'failed', channelCommandId: null, latencyMs: null, error };
}

export function unavailable(channel: string): ChannelSendResult {
  return failed(`${channel} command path not available in this process`);
}
