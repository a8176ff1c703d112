import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { partyKey, RecordChannelLatencyUseCase } from '@vpp/fleet';
import { AWAITING_RESULT, statusAfterResult } from '../domain/charging-profile-command';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';
import { chargingProfileResultSchema } from '../protocol/charging-profile.schema';
import { activeChargingProfileSchema } from '../protocol/charging-profile.schema';
import { parseOcpi } from '../protocol/parse-ocpi';
import { externalPartyOf } from './ocpi-fleet-sync';

export type ResultOutcome = 'recorded' | 'duplicate' | 'late';

function toJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/**
 * The CPO's async answers (mod_charging_profiles "Sender Interface"): the ChargingProfileResult,
 * ClearProfileResult or ActiveChargingProfileResult POSTed to our response_url, and
 * ActiveChargingProfile PUTs. A confirmed command feeds the
 * measured command latency of the `ocpi` channel for that CPO (libs/fleet channel_latency).
 */
@Injectable()
export class RecordChargingProfileResultUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recordLatency: RecordChannelLatencyUseCase,
  ) {}

  async result(party: OcpiPartyEntity, commandId: string, body: unknown): Promise<ResultOutcome> {
    const result = parseOcpi(chargingProfileResultSchema, body, 'ChargingProfileResult');
    return this.dataSource.transaction(async (manager) => {
      const command = await manager.findOne(OcpiChargingProfileCommandEntity, {
        where: { id: commandId, ocpiPartyId: party.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!command) throw new OcpiError('OCPI_UNKNOWN_COMMAND', 'No charging profile command behind this response_url');
      if (command.result !== null) return 'duplicate';
      const resultAt = new Date();
      if (!AWAITING_RESULT.includes(command.status)) {
        // Too late (timed out): kept for the record, the status stays.
        await manager.update(OcpiChargingProfileCommandEntity, { id: command.id }, { result: result.result, resultAt });
        return 'late';
      }
      const latencyMs = command.sentAt ? Math.max(0, resultAt.getTime() - command.sentAt.getTime()) : null;
      const resultProfile = command.kind === 'get_active' && result.profile !== undefined ? toJson(result.profile) : null;
      await manager.update(
        OcpiChargingProfileCommandEntity,
        { id: command.id, status: In([...AWAITING_RESULT]) },
        { result: result.result, resultAt, status: statusAfterResult(result.result), latencyMs, resultProfile } as never,
      );
      // What the CPO now applies: the profile it reported, or none after a confirmed clear.
      if (result.result === 'ACCEPTED' && command.kind !== 'set') {
        await manager.update(OcpiSessionEntity, { id: command.ocpiSessionId }, { activeChargingProfile: resultProfile } as never);
      }
      // Latency is command to effect: a GET changes nothing, so it does not count.
      if (result.result === 'ACCEPTED' && latencyMs !== null && command.kind !== 'get_active') {
        await this.recordLatency.execute(manager, 'ocpi', partyKey(externalPartyOf(party)), latencyMs, resultAt);
      }
      return 'recorded';
    });
  }

  /** `PUT {chargingprofiles}/{session_id}` from the CPO with the profile now active on the session. */
  async activeProfile(party: OcpiPartyEntity, sessionId: string, body: unknown): Promise<void> {
    const profile = parseOcpi(activeChargingProfileSchema, body, 'ActiveChargingProfile');
    const update = await this.dataSource
      .getRepository(OcpiSessionEntity)
      .update({ ocpiPartyId: party.id, sessionId }, { activeChargingProfile: toJson(profile) } as never);
    if (update.affected !== 1) throw new OcpiError('OCPI_UNKNOWN_SESSION', `Unknown session ${sessionId}`);
  }
}
