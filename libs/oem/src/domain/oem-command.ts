import { Decimal, PowerKw } from '@vpp/units';

/** The commands an OEM cloud accepts (issue 3 item 5). */
export type OemCommand =
  | { readonly type: 'start' }
  | { readonly type: 'stop' }
  | { readonly type: 'charge-limit'; readonly limit: PowerKw }
  | { readonly type: 'target-soc'; readonly socPct: Decimal };

export type OemCommandType = OemCommand['type'];

export const OEM_COMMAND_TYPES: readonly OemCommandType[] = ['start', 'stop', 'charge-limit', 'target-soc'];

/** How an OEM acknowledged a command: accepted now; its effect is reported later by webhook. */
export interface OemCommandReceipt {
  readonly oemCommandId: string;
  readonly acceptedAt: Date;
}
