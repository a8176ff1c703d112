import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FlexOrderMessage, FlexRequestMessage } from '../domain/uftp-messages';
import { UFTP_ISP_DURATION, UFTP_TIME_ZONE, UFTP_VERSION } from '../domain/uftp-vocabulary';
import { UftpFlexOfferEntity } from '../infrastructure/uftp-flex-offer.entity';
import type { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';
import type { FlexOrderBody, FlexRequestBody } from '../http/dto/congestion.bodies';
import { CongestionSettings } from './congestion-settings';

/** `0.5` -> 50: the activation factor has at most 2 fraction digits (ActivationFactorType). */
function factorInHundredths(factor: string): number {
  const [whole, fraction = ''] = factor.split('.');
  return Number.parseInt(whole, 10) * 100 + Number.parseInt(`${fraction}00`.slice(0, 2), 10);
}

/**
 * Our JSON API speaks the same messages as the XML endpoint: the body is completed into a UFTP
 * message (sender = the caller's participant, recipient = us, TimeStamp = now) and goes through
 * the same checks.
 */
@Injectable()
export class JsonMessages {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: CongestionSettings,
  ) {}

  flexRequest(participant: UftpParticipantEntity, body: FlexRequestBody): FlexRequestMessage {
    return {
      type: 'FlexRequest',
      version: UFTP_VERSION,
      senderDomain: participant.domain,
      recipientDomain: this.settings.agrDomain,
      timeStamp: new Date().toISOString(),
      messageId: body.messageId,
      conversationId: body.conversationId,
      ispDuration: body.ispDuration,
      timeZone: body.timeZone,
      period: body.period,
      congestionPoint: body.congestionPoint,
      revision: body.revision,
      expirationDateTime: body.expirationDateTime,
      contractId: body.contractId,
      serviceType: body.serviceType,
      isps: body.isps,
    };
  }

  /** Period, point and (by default) ISPs come from the offer; an unknown offer is rejected later. */
  async flexOrder(participant: UftpParticipantEntity, body: FlexOrderBody): Promise<FlexOrderMessage> {
    const offer = await this.dataSource.getRepository(UftpFlexOfferEntity).findOneBy({ participantId: participant.id, messageId: body.flexOfferMessageId });
    const option = offer?.message.options.find((candidate) => candidate.optionReference === (body.optionReference ?? offer.message.options[0].optionReference));
    const hundredths = factorInHundredths(body.activationFactor);
    const isps = body.isps ?? (option?.isps ?? []).map((isp) => ({ ...isp, power: Math.trunc((isp.power * hundredths) / 100) }));
    return {
      type: 'FlexOrder',
      version: UFTP_VERSION,
      senderDomain: participant.domain,
      recipientDomain: this.settings.agrDomain,
      timeStamp: new Date().toISOString(),
      messageId: body.messageId,
      conversationId: body.conversationId ?? offer?.conversationId ?? body.messageId,
      ispDuration: UFTP_ISP_DURATION,
      timeZone: UFTP_TIME_ZONE,
      period: offer?.period ?? '',
      congestionPoint: offer?.congestionPoint ?? '',
      flexOfferMessageId: body.flexOfferMessageId,
      price: body.price,
      currency: body.currency,
      orderReference: body.orderReference,
      optionReference: body.optionReference ?? option?.optionReference,
      activationFactor: body.activationFactor,
      isps,
    };
  }
}
