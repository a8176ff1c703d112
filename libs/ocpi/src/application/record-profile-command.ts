import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CorrelationContext } from '@vpp/observability';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import type { ChargingProfileCommandKind } from '../domain/charging-profile-command';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';

export interface ProfileCommandRequest {
  /** Our session: the fleet session id (`sessions.id`) or the OCPI session row id. */
  readonly sessionId: string;
  readonly kind: ChargingProfileCommandKind;
  /** The wire ChargingProfile of a `set`, built from the command id (its response_url). */
  readonly profileFor?: (commandId: string) => Record<string, unknown>;
  readonly durationSeconds?: number;
}

/**
 * Records a charging profile command and enqueues its sending in the same transaction (outbox):
 * the command exists before anything goes out, so a crash between the two can only resend the
 * same request id, never lose or duplicate the command. Every kind goes through the same send and
 * expiry jobs; the send job builds the PUT, DELETE or GET from `kind`.
 */
export async function recordProfileCommand(manager: EntityManager, request: ProfileCommandRequest): Promise<OcpiChargingProfileCommandEntity> {
  const session = await manager
    .getRepository(OcpiSessionEntity)
    .createQueryBuilder('s')
    .where('s.id = :id OR s.fleet_session_id = :id', { id: request.sessionId })
    .getOne();
  if (!session) throw new OcpiError('OCPI_UNKNOWN_SESSION', `No OCPI session ${request.sessionId}`);
  const id = randomUUID();
  const correlationId = CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId();
  const command = manager.create(OcpiChargingProfileCommandEntity, {
    id,
    ocpiPartyId: session.ocpiPartyId,
    ocpiSessionId: session.id,
    requestId: randomUUID(),
    correlationId,
    kind: request.kind,
    profile: request.profileFor ? request.profileFor(id) : null,
    durationSeconds: request.durationSeconds ?? null,
    resultProfile: null,
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
}
