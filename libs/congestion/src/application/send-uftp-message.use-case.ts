import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sealMessage } from '../domain/sealed-message';
import { UftpOutboundMessageEntity } from '../infrastructure/uftp-outbound-message.entity';
import { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';
import { buildSignedMessageXml } from '../protocol/uftp-xml';
import { AgrKeyStore } from './agr-key-store';
import { CongestionSettings } from './congestion-settings';
import { OutboundMessages } from './outbound-messages';

export type SendOutcome = 'sent' | 'retry-scheduled' | 'failed' | 'skipped';

/**
 * message-transport-mechanism.md "Transmission": 200 and unambiguous 4xx are final; 5xx, 404
 * (often a front-end hiding a back-end problem), 408, 429, unknown codes, timeouts and resets are
 * temporary and retried with exponential back-off for at least an hour.
 */
function isTemporary(status: number): boolean {
  return status >= 500 || status === 404 || status === 408 || status === 429 || status < 200 || (status >= 300 && status < 400);
}

/** Signs one stored outbound message with our AGR key and POSTs the SignedMessage to the DSO. */
@Injectable()
export class SendUftpMessageUseCase {
  private readonly logger = new Logger(SendUftpMessageUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: CongestionSettings,
    private readonly keys: AgrKeyStore,
    private readonly outbound: OutboundMessages,
  ) {}

  async execute(outboundMessageId: string, attempt: number): Promise<SendOutcome> {
    const repository = this.dataSource.getRepository(UftpOutboundMessageEntity);
    const message = await repository.findOneByOrFail({ id: outboundMessageId });
    if (message.status !== 'pending' || message.attempts >= attempt) return 'skipped';
    const participant = await this.dataSource.getRepository(UftpParticipantEntity).findOneByOrFail({ id: message.participantId });
    const key = await this.keys.current();
    const body = buildSignedMessageXml({ senderDomain: key.domain, senderRole: 'AGR', body: sealMessage(Buffer.from(message.xml, 'utf8'), key.signingKey) });
    let error: string | null = null;
    let temporary = true;
    try {
      const response = await fetch(participant.endpointUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
      });
      await response.arrayBuffer();
      if (response.status >= 200 && response.status < 300) {
        await repository.update({ id: message.id, status: 'pending' }, { status: 'sent', attempts: attempt, sentAt: new Date(), lastError: null });
        return 'sent';
      }
      error = `HTTP ${response.status}`;
      temporary = isTemporary(response.status);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const nextAt = Date.now() + this.settings.retryDelayMs(attempt);
    if (!temporary || nextAt > message.deliverBy.getTime()) {
      await repository.update({ id: message.id, status: 'pending' }, { status: 'failed', attempts: attempt, lastError: error });
      this.logger.warn({ msg: 'UFTP message not delivered', outboundMessageId, messageType: message.messageType, conversationId: message.conversationId, attempt, error });
      return 'failed';
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UftpOutboundMessageEntity, { id: message.id, status: 'pending' }, { attempts: attempt, lastError: error });
      await this.outbound.enqueueAttempt(manager, message.id, message.conversationId, attempt + 1, this.settings.retryDelayMs(attempt));
    });
    return 'retry-scheduled';
  }
}
