import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CorrelationContext } from '@vpp/observability';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';
import { ChargingProfileInput, serializeSetChargingProfile } from '../protocol/set-charging-profile';
import { OcpiSettings } from './ocpi-settings';

export interface RequestChargingProfileInput {
  /** Our session: the fleet session id (`sessions.id`) or the OCPI session row id. */
  readonly sessionId: string;
  readonly profile: ChargingProfileInput;
}

/**
 * Records a SetChargingProfile command and enqueues its sending in the same transaction (outbox):
 * the command exists before anything goes out, so a crash between the two can only resend the
 * same request id, never lose or duplicate the command.
 */
@Injectable()
export class RequestChargingProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
  ) {}

  async execute(input: RequestChargingProfileInput): Promise<OcpiChargingProfileCommandEntity> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager
        .getRepository(OcpiSessionEntity)
        .createQueryBuilder('s')
        .where('s.id = :id OR s.fleet_session_id = :id', { id: input.sessionId })
        .getOne();
      if (!session) throw new OcpiError('OCPI_UNKNOWN_SESSION', `No OCPI session ${input.sessionId}`);
      const id = randomUUID();
      const correlationId = CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId();
      const wire = serializeSetChargingProfile(input.profile, this.responseUrl(id));
      const command = manager.create(OcpiChargingProfileCommandEntity, {
        id,
        ocpiPartyId: session.ocpiPartyId,
        ocpiSessionId: session.id,
        requestId: randomUUID(),
        correlationId,
        profile: (JSON.parse(wire) as { charging_profile: Record<string, unknown> }).charging_profile,
        status: 'recorded',
        responseResult: null,
        result: null,
        attempts: 0,
        lastError: null,
        createdAt: new Date(),
        sentAt: null,
        respondedAt: null,
        resultAt: null,
        deadlineAt: null,
        latencyMs: null,
      });
      await manager.save(command);
      await enqueueInTransaction(manager, {
        name: JobName.SendChargingProfile,
        payload: { schemaVersion: 1, correlationId, idempotencyKey: buildIdempotencyKey('ocpi-profile', id, 'send'), commandId: id },
      });
      return command;
    });
  }

  /** Where the CPO POSTs the async ChargingProfileResult: one URL per command. */
  responseUrl(commandId: string): string {
    return `${this.settings.versionUrl()}/chargingprofiles/results/${commandId}`;
  }
}
