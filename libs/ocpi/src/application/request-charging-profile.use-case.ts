import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { ChargingProfileInput, serializeSetChargingProfile } from '../protocol/set-charging-profile';
import { OcpiSettings } from './ocpi-settings';
import { recordProfileCommand } from './record-profile-command';

export interface RequestChargingProfileInput {
  /** Our session: the fleet session id (`sessions.id`) or the OCPI session row id. */
  readonly sessionId: string;
  readonly profile: ChargingProfileInput;
}

/** Records a SetChargingProfile command and enqueues its sending (see `recordProfileCommand`). */
@Injectable()
export class RequestChargingProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
  ) {}

  async execute(input: RequestChargingProfileInput): Promise<OcpiChargingProfileCommandEntity> {
    return this.dataSource.transaction((manager) =>
      recordProfileCommand(manager, {
        sessionId: input.sessionId,
        kind: 'set',
        profileFor: (commandId) => {
          const wire = serializeSetChargingProfile(input.profile, this.responseUrl(commandId));
          return (JSON.parse(wire) as { charging_profile: Record<string, unknown> }).charging_profile;
        },
      }),
    );
  }

  /** Where the CPO POSTs the async result of any command kind: one URL per command. */
  responseUrl(commandId: string): string {
    return `${this.settings.versionUrl()}/chargingprofiles/results/${commandId}`;
  }
}
