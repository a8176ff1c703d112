import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import type { OutboundUftpMessage, UftpMetadata } from '../domain/uftp-messages';
import { UFTP_VERSION } from '../domain/uftp-vocabulary';
import { UftpOutboundMessageEntity } from '../infrastructure/uftp-outbound-message.entity';
import type { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';
import { buildUftpXml } from '../protocol/uftp-xml';
import { CongestionSettings } from './congestion-settings';

/** Records a message for a DSO and its first send job in the caller's transaction (outbox). */
@Injectable()
export class OutboundMessages {
  constructor(private readonly settings: CongestionSettings) {}

  /** Fresh metadata of a message from us to `participant` in `conversationId`. */
  metadata(participant: UftpParticipantEntity, conversationId: string, now: Date): UftpMetadata {
    return {
      version: UFTP_VERSION,
      senderDomain: this.settings.agrDomain,
      recipientDomain: participant.domain,
      timeStamp: now.toISOString(),
      messageId: randomUUID(),
      conversationId,
    };
  }

  async enqueue(manager: EntityManager, participant: UftpParticipantEntity, message: OutboundUftpMessage, now: Date): Promise<UftpOutboundMessageEntity> {
    const row = manager.create(UftpOutboundMessageEntity, {
      id: randomUUID(),
      participantId: participant.id,
      messageType: message.type,
      messageId: message.messageId,
      conversationId: message.conversationId,
      xml: buildUftpXml(message),
      status: 'pending',
      attempts: 0,
      lastError: null,
      deliverBy: new Date(now.getTime() + this.settings.retryHorizonMs),
      createdAt: now,
      sentAt: null,
    });
    await manager.save(row);
    await this.enqueueAttempt(manager, row.id, message.conversationId, 1, 0);
    return row;
  }

  async enqueueAttempt(manager: EntityManager, outboundMessageId: string, conversationId: string, attempt: number, delayMs: number): Promise<void> {
    await enqueueInTransaction(manager, {
      name: JobName.SendUftpMessage,
      payload: {
        schemaVersion: 1,
        correlationId: `uftp-${conversationId}`,
        idempotencyKey: buildIdempotencyKey('uftp-out', outboundMessageId, String(attempt)),
        outboundMessageId,
        attempt: String(attempt),
      },
      delayMs,
    });
  }
}
