import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { SendChargingCommandUseCase, StationConnections } from '@vpp/ocpp';
import { SendOemCommandUseCase } from '@vpp/oem';
import type { DispatchChannelName } from '../../domain/dispatch-channel';
import type { ChannelSender } from '../../application/channel-senders';
import { OcpiChannelSender } from './ocpi-channel.sender';
import { OcppChannelSender } from './ocpp-channel.sender';
import { OemChannelSender } from './oem-channel.sender';

/**
 * The channel command paths present in this process, resolved without strict module scope. The
 * dispatcher app has OCPI (OcpiCommandsModule) and OEM (OemCommandsModule) commands itself and hands
 * OCPP commands to the connector, which holds the sockets; the all-in-one platform app sends OCPP
 * over its own sockets. A channel with no path at all records its commands as failed with the reason.
 */
@Injectable()
export class ChannelSendersProvider {
  private readonly logger = new Logger(ChannelSendersProvider.name);
  private senders?: Record<DispatchChannelName, ChannelSender>;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
  ) {}

  sender(channel: DispatchChannelName): ChannelSender {
    if (!this.senders) {
      const send = this.optional(SendChargingCommandUseCase, 'OCPP commands go to the connector by job');
      const connections = this.optional(StationConnections, null);
      this.senders = {
        ocpi: new OcpiChannelSender(this.optional(RequestChargingProfileUseCase, 'its channel\'s commands fail with a reason')),
        ocpp: new OcppChannelSender(this.dataSource, send !== null && connections !== null ? { send, connections } : null),
        oem: new OemChannelSender(this.dataSource, this.optional(SendOemCommandUseCase, 'its channel\'s commands fail with a reason')),
      };
    }
    return this.senders[channel];
  }

  private optional<T>(token: abstract new (...args: never[]) => T, whenAbsent: string | null): T | null {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      if (whenAbsent !== null) this.logger.warn(`${token.name} is not in this process; ${whenAbsent}`);
      return null;
    }
  }
}
