import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OcpiError } from '../domain/ocpi.errors';
import type { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { recordProfileCommand } from './record-profile-command';

export interface RequestActiveChargingProfileInput {
  /** Our session: the fleet session id (`sessions.id`) or the OCPI session row id. */
  readonly sessionId: string;
  /** How far ahead the CPO is to report the limits it will apply (`duration`, seconds). */
  readonly durationSeconds: number;
}

/**
 * Records a GET ActiveChargingProfile command (`GET {chargingprofiles}/{session_id}?duration=...
 * &response_url=...`, mod_charging_profiles "Receiver Interface"): the CPO answers at once, then
 * POSTs an ActiveChargingProfileResult with the profile it applies (combined from every source,
 * not only ours) to our response_url. Same lifecycle as SetChargingProfile.
 */
@Injectable()
export class RequestActiveChargingProfileUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: RequestActiveChargingProfileInput): Promise<OcpiChargingProfileCommandEntity> {
    if (!Number.isInteger(input.durationSeconds) || input.durationSeconds <= 0) {
      throw new OcpiError('OCPI_INVALID_PAYLOAD', 'durationSeconds must be a positive whole number of seconds', ['durationSeconds']);
    }
    return this.dataSource.transaction((manager) =>
      recordProfileCommand(manager, { sessionId: input.sessionId, kind: 'get_active', durationSeconds: input.durationSeconds }),
    );
  }
}
