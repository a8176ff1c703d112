import type { DataSource } from 'typeorm';
import { OemError, type SendOemCommandUseCase } from '@vpp/oem';
import { PowerKw } from '@vpp/units';
import type { ChannelCommand, ChannelSender, ChannelSendResult } from '../../application/channel-senders';
import { failed, unavailable } from './channel-result';

/**
 * OEM: stop at 0, otherwise a charge limit, through the vehicle's OEM cloud (libs/oem records the
 * command; the effect and its latency come later by the command.result webhook at the connector,
 * copied back by reconcileChannelResults). A vehicle we stopped is started again before its limit.
 */
export class OemChannelSender implements ChannelSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly oem: SendOemCommandUseCase | null,
  ) {}

  async send(command: ChannelCommand): Promise<ChannelSendResult> {
    if (!this.oem) return unavailable('oem');
    const rows: Array<{ vehicle_id: string | null }> = await this.dataSource.query(`SELECT vehicle_id FROM sessions WHERE id = $1`, [command.sessionId]);
    const vehicleId = rows[0]?.vehicle_id ?? null;
    if (vehicleId === null) return failed('the session has no vehicle to command through its OEM');
    try {
      if (command.kind === 'stop') return this.outcome(await this.oem.executeForDispatch(vehicleId, { type: 'stop' }));
      if ((await this.oem.lastCommandType(vehicleId)) === 'stop') {
        const started = await this.oem.executeForDispatch(vehicleId, { type: 'start' });
        if (started === null) return this.outcome(null);
      }
      return this.outcome(await this.oem.executeForDispatch(vehicleId, { type: 'charge-limit', limit: PowerKw.of(command.powerKw) }));
    } catch (error) {
      // libs/oem has already marked its row failed; the cloud being down must not fail the whole batch.
      if (error instanceof OemError) return failed(`${error.code}: ${error.message}`);
      if (error instanceof Error) return failed(`OEM_UNAVAILABLE: ${error.message}`);
      throw error;
    }
  }

  private outcome(recorded: { id: string; status: string } | null): ChannelSendResult {
    if (recorded === null) return failed('the vehicle has no OEM link');
    if (recorded.status === 'applied') return { status: 'accepted', channelCommandId: recorded.id, latencyMs: null };
    return { status: 'sent', channelCommandId: recorded.id, latencyMs: null };
  }
}
