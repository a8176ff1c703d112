import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { recordProfileCommand } from './record-profile-command';

export interface RequestClearProfileInput {
  /** Our session: the fleet session id (`sessions.id`) or the OCPI session row id. */
  readonly sessionId: string;
}

/**
 * Records a ClearProfile command (`DELETE {chargingprofiles}/{session_id}?response_url=...`,
 * mod_charging_profiles "Receiver Interface"): the CPO drops our profile and the session charges
 * at its default again. Same lifecycle as SetChargingProfile; the ClearProfileResult comes on our
 * response_url.
 */
@Injectable()
export class RequestClearProfileUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: RequestClearProfileInput): Promise<OcpiChargingProfileCommandEntity> {
    return this.dataSource.transaction((manager) => recordProfileCommand(manager, { sessionId: input.sessionId, kind: 'clear' }));
  }
}
