import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { resultDeadline, statusAfterResponse } from '../domain/charging-profile-command';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiSessionEntity } from '../infrastructure/ocpi-session.entity';
import { chargingProfileResponseSchema } from '../protocol/charging-profile.schema';
import { findEndpoint } from '../protocol/versions.schema';
import { OcpiSettings } from './ocpi-settings';
import { RequestChargingProfileUseCase } from './request-charging-profile.use-case';

export type SendOutcome = 'sent' | 'skipped';

/**
 * The request of each command kind (mod_charging_profiles "Receiver Interface"): PUT with the
 * profile and response_url in the body; DELETE (ClearProfile) and GET (ActiveChargingProfile)
 * with response_url (and duration) as URL parameters.
 */
export function requestOf(
  command: Pick<OcpiChargingProfileCommandEntity, 'kind' | 'profile' | 'durationSeconds'>,
  sessionUrl: string,
  responseUrl: string,
): { method: 'PUT' | 'DELETE' | 'GET'; url: string; body?: unknown } {
  if (command.kind === 'set') return { method: 'PUT', url: sessionUrl, body: { charging_profile: command.profile, response_url: responseUrl } };
  const url = new URL(sessionUrl);
  if (command.kind === 'get_active') url.searchParams.set('duration', String(command.durationSeconds ?? 0));
  url.searchParams.set('response_url', responseUrl);
  return { method: command.kind === 'clear' ? 'DELETE' : 'GET', url: url.toString() };
}

/**
 * Sends a recorded charging profile command to the CPO (SetChargingProfile PUT, ClearProfile
 * DELETE or ActiveChargingProfile GET, mod_charging_profiles "Receiver Interface") and stores its
 * immediate ChargingProfileResponse. The command is marked `sent` and its expiry job
 * enqueued BEFORE the request leaves, so a crash mid-call retries with the same X-Request-ID and
 * a lost callback still ends as `timed_out`.
 */
@Injectable()
export class SendChargingProfileUseCase {
  private readonly logger = new Logger(SendChargingProfileUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
    private readonly request: RequestChargingProfileUseCase,
  ) {}

  async execute(commandId: string): Promise<SendOutcome> {
    const command = await this.markSending(commandId);
    if (!command) return 'skipped';
    const party = await this.dataSource.getRepository(OcpiPartyEntity).findOneByOrFail({ id: command.ocpiPartyId });
    const session = await this.dataSource.getRepository(OcpiSessionEntity).findOneByOrFail({ id: command.ocpiSessionId });
    const endpoint = findEndpoint(party.endpoints, 'chargingprofiles', 'RECEIVER');
    if (party.status !== 'registered' || !party.outboundTokenEncrypted || !endpoint) {
      await this.fail(commandId, 'The CPO is not registered or has no chargingprofiles receiver endpoint');
      return 'sent';
    }
    try {
      const response = await this.settings.client.call({
        ...requestOf(command, `${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(session.sessionId)}`, this.request.responseUrl(command.id)),
        token: this.settings.cipher.decrypt(party.outboundTokenEncrypted),
        dataSchema: chargingProfileResponseSchema,
        requestId: command.requestId,
        correlationId: command.correlationId,
        routing: this.settings.routingTo(party),
      });
      const sentAt = command.sentAt ?? new Date();
      await this.dataSource.getRepository(OcpiChargingProfileCommandEntity).update(
        { id: commandId, status: 'sent' },
        {
          responseResult: response.data.result,
          respondedAt: new Date(),
          status: statusAfterResponse(response.data.result),
          deadlineAt: resultDeadline(sentAt, response.data.timeout, this.settings.commandTimeoutSeconds),
        },
      );
    } catch (error) {
      if (!(error instanceof OcpiError)) throw error;
      await this.dataSource.getRepository(OcpiChargingProfileCommandEntity).update({ id: commandId }, { lastError: error.message });
      this.logger.warn({ msg: 'charging profile not delivered', commandId, reason: error.message });
      throw error;
    }
    return 'sent';
  }

  /** recorded|sent -> sent (attempt counted), plus the expiry job; null when already past that. */
  private async markSending(commandId: string): Promise<OcpiChargingProfileCommandEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const command = await manager.findOne(OcpiChargingProfileCommandEntity, {
        where: { id: commandId, status: In(['recorded', 'sent']) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!command) return null;
      const now = new Date();
      command.status = 'sent';
      command.attempts += 1;
      command.sentAt ??= now;
      command.deadlineAt ??= new Date(now.getTime() + this.settings.commandTimeoutSeconds * 1000);
      await manager.save(command);
      await enqueueInTransaction(manager, {
        name: JobName.ExpireChargingProfile,
        payload: {
          schemaVersion: 1,
          correlationId: command.correlationId,
          idempotencyKey: buildIdempotencyKey('ocpi-profile', command.id, 'expire'),
          commandId: command.id,
        },
        delayMs: this.settings.commandTimeoutSeconds * 1000 + 1000,
      });
      return command;
    });
  }

  private async fail(commandId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(OcpiChargingProfileCommandEntity).update({ id: commandId, status: 'sent' }, { status: 'failed', lastError: reason });
  }
}
