import type { Decimal } from '@vpp/units';
import type { DispatchCommandKind } from '../infrastructure/persistence/dispatch-command.entity';

/** What a channel made of one command: sent and waiting for an async result, or answered at once. */
export interface ChannelSendResult {
  readonly status: 'sent' | 'accepted' | 'rejected' | 'failed';
  readonly channelCommandId: string | null;
  readonly latencyMs: number | null;
  readonly error?: string;
}

export interface ChannelCommand {
  readonly sessionId: string;
  readonly party: string;
  readonly kind: DispatchCommandKind;
  readonly powerKw: Decimal;
  /**
   * When the loop decided it (its clock: the simulated one on a simulated day). A channel that can
   * say from when a command holds (OCPI's absolute profile) sends it, so the command acts from the
   * instant the loop counted on, not from whenever its transport happened to deliver it.
   */
  readonly issuedAt: Date;
}

/** One control channel's command path (libs/ocpi, libs/ocpp, libs/oem), as fan-out sees it. */
export interface ChannelSender {
  send(command: ChannelCommand): Promise<ChannelSendResult>;
}

export const CHANNEL_SENDERS = Symbol('DISPATCH_CHANNEL_SENDERS');
