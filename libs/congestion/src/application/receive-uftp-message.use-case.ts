import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { LedgerError } from '@vpp/flexibility';
import { MARKETS_CLOCK, type MarketsClock } from '@vpp/markets';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { Decimal } from '@vpp/units';
import { UftpRejection } from '../domain/congestion.errors';
import { CONGESTION_FLEXIBILITY_PROVIDER, CongestionFlexibility, CongestionFlexibilityProvider } from '../domain/congestion-flexibility';
import { checkFlexOrder } from '../domain/flex-order-rules';
import { CheckedFlexRequest, checkFlexRequest, FlexDirection } from '../domain/flex-request-rules';
import { buildOfferOptions } from '../domain/offer-builder';
import { checkRevisionOrder, duplicateMessageOutcome } from '../domain/revision-rules';
import type { FlexOfferMessage, FlexOfferOption, FlexOrderMessage, FlexRequestMessage, InboundUftpMessage, UftpResponseMessage, UftpResponseType } from '../domain/uftp-messages';
import { UftpCongestionPointEntity } from '../infrastructure/uftp-congestion-point.entity';
import { UftpFlexOfferEntity } from '../infrastructure/uftp-flex-offer.entity';
import { UftpFlexOrderEntity } from '../infrastructure/uftp-flex-order.entity';
import { UftpChannel, UftpFlexRequestEntity } from '../infrastructure/uftp-flex-request.entity';
import type { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';
import { UftpReceivedMessageEntity } from '../infrastructure/uftp-received-message.entity';
import { CongestionSettings } from './congestion-settings';
import { messageDigest } from './message-digest';
import { HeldOfferReservation, OfferReservations } from './offer-reservations';
import { OutboundMessages } from './outbound-messages';

export interface ReceiveOutcome {
  readonly result: 'Accepted' | 'Rejected';
  readonly rejectionReason?: string;
  /** The same MessageID and content came before: nothing was done again ("Already Submitted"). */
  readonly alreadySubmitted: boolean;
  readonly flexRequestId?: string;
  readonly offers: readonly UftpFlexOfferEntity[];
  readonly order?: UftpFlexOrderEntity;
}

/** Ledger work done outside the message's transaction: undone when it rolls back, finished after it commits. */
interface LedgerEffects {
  readonly held: HeldOfferReservation[];
  readonly releaseAfterCommit: string[];
}

const RESPONSE_TO: Partial<Record<InboundUftpMessage['type'], UftpResponseType>> = {
  FlexRequest: 'FlexRequestResponse',
  FlexOrder: 'FlexOrderResponse',
};

/**
 * One inbound UFTP message from a DSO, over signed XML or our JSON API, checked and stored in one
 * transaction. A rejection stores nothing of the message; over XML it is answered asynchronously
 * with Result=Rejected and the reason (message-validation.md), over JSON the caller gets it back.
 */
@Injectable()
export class ReceiveUftpMessageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: CongestionSettings,
    private readonly outbound: OutboundMessages,
    @Inject(CONGESTION_FLEXIBILITY_PROVIDER) private readonly flexibility: CongestionFlexibilityProvider,
    private readonly reservations: OfferReservations,
    // "Now" of the flex market (Period in the past, expiries): the wall clock in apps, the simulated day in the demo.
    @Inject(MARKETS_CLOCK) private readonly clock: MarketsClock,
  ) {}

  async execute(participant: UftpParticipantEntity, message: InboundUftpMessage, channel: UftpChannel, direction?: FlexDirection): Promise<ReceiveOutcome> {
    const now = this.clock.now();
    const effects: LedgerEffects = { held: [], releaseAfterCommit: [] };
    let outcome: ReceiveOutcome;
    try {
      outcome = await this.dataSource.transaction((manager) => this.process(manager, participant, message, channel, direction, now, effects));
    } catch (error) {
      await this.reservations.undo(effects.held, 'the FlexRequest was not stored', now);
      return this.rejected(error, participant, message, channel, now);
    }
    for (const offerId of effects.releaseAfterCommit) await this.reservations.release(offerId, 'the DSO rejected the FlexOffer', now);
    return outcome;
  }

  private async rejected(error: unknown, participant: UftpParticipantEntity, message: InboundUftpMessage, channel: UftpChannel, now: Date): Promise<ReceiveOutcome> {
    if (!(error instanceof UftpRejection)) throw error;
    const responseType = RESPONSE_TO[message.type];
    if (channel === 'xml' && responseType) {
      await this.dataSource.transaction((manager) => this.respond(manager, participant, message, responseType, error.rejectionReason, now));
    }
    return { result: 'Rejected', rejectionReason: error.rejectionReason, alreadySubmitted: false, offers: [] };
  }

  private async process(
    manager: EntityManager,
    participant: UftpParticipantEntity,
    message: InboundUftpMessage,
    channel: UftpChannel,
    direction: FlexDirection | undefined,
    now: Date,
    effects: LedgerEffects,
  ): Promise<ReceiveOutcome> {
    const digest = messageDigest(message);
    const seen = await manager.findOne(UftpReceivedMessageEntity, { where: { participantId: participant.id, messageId: message.messageId } });
    if (seen) {
      duplicateMessageOutcome(seen.digest, digest);
      return { result: 'Accepted', alreadySubmitted: true, offers: [] };
    }
    if (message.senderDomain !== participant.domain) throw new UftpRejection(`Mismatch SenderDomain: ${message.senderDomain} is not ${participant.domain}`);
    if (message.recipientDomain !== this.settings.agrDomain) throw new UftpRejection(`Unknown RecipientDomain: ${message.recipientDomain}`);
    if (!/^3\.\d+\.\d+$/.test(message.version)) throw new UftpRejection(`Invalid Message: Version ${message.version} is not a 3.x version`);
    let outcome: ReceiveOutcome;
    if (message.type === 'FlexRequest') outcome = await this.flexRequest(manager, participant, message, channel, direction, now, effects);
    else if (message.type === 'FlexOrder') outcome = await this.flexOrder(manager, participant, message, channel, now);
    else outcome = await this.response(manager, participant, message, effects);
    await manager.insert(UftpReceivedMessageEntity, { participantId: participant.id, messageId: message.messageId, messageType: message.type, digest, receivedAt: now });
    return outcome;
  }

  private async flexRequest(
    manager: EntityManager,
    participant: UftpParticipantEntity,
    message: FlexRequestMessage,
    channel: UftpChannel,
    direction: FlexDirection | undefined,
    now: Date,
    effects: LedgerEffects,
  ): Promise<ReceiveOutcome> {
    const checked = checkFlexRequest(message, now, direction);
    const point = await manager.findOne(UftpCongestionPointEntity, { where: { participantId: participant.id, entityAddress: message.congestionPoint } });
    if (!point) throw new UftpRejection(`Invalid CongestionPoint: ${message.congestionPoint} is not registered by ${participant.domain}`);
    const current = await manager.findOne(UftpFlexRequestEntity, {
      where: { participantId: participant.id, congestionPoint: message.congestionPoint, period: message.period, supersededAt: IsNull() },
      order: { revision: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (checkRevisionOrder(current?.revision ?? null, message.revision) === 'replaces' && current) {
      await manager.update(UftpFlexRequestEntity, { id: current.id }, { supersededAt: now });
    }
    const request = manager.create(UftpFlexRequestEntity, {
      id: randomUUID(),
      participantId: participant.id,
      messageId: message.messageId,
      conversationId: message.conversationId,
      congestionPoint: message.congestionPoint,
      period: message.period,
      revision: message.revision,
      expiresAt: new Date(message.expirationDateTime),
      channel,
      message,
      supersededAt: null,
      receivedAt: now,
    });
    await manager.save(request);
    if (channel === 'xml') await this.respond(manager, participant, message, 'FlexRequestResponse', undefined, now);

    const offerId = randomUUID();
    const made = await this.offerAndHold(offerId, message, checked, now);
    if (!made) return { result: 'Accepted', alreadySubmitted: false, flexRequestId: request.id, offers: [] };
    const { flexibility, options, held } = made;
    effects.held.push(...held);
    const expiresAt = new Date(Math.min(now.getTime() + this.settings.offerValidityMs, checked.day.end.getTime()));
    const offerMessage: FlexOfferMessage = {
      type: 'FlexOffer',
      ...this.outbound.metadata(participant, message.conversationId, now),
      ispDuration: message.ispDuration,
      timeZone: message.timeZone,
      period: message.period,
      congestionPoint: message.congestionPoint,
      expirationDateTime: expiresAt.toISOString(),
      flexRequestMessageId: message.messageId,
      contractId: message.contractId,
      currency: this.settings.currency,
      options,
    };
    const offer = manager.create(UftpFlexOfferEntity, {
      id: offerId,
      participantId: participant.id,
      flexRequestId: request.id,
      messageId: offerMessage.messageId,
      conversationId: message.conversationId,
      congestionPoint: message.congestionPoint,
      period: message.period,
      expiresAt,
      message: offerMessage,
      inputs: {
        flexibilityMethod: flexibility.method,
        sessionCount: flexibility.sessionCount,
        downKw: Array.from(flexibility.downKw),
        upKw: Array.from(flexibility.upKw),
        priceEurPerMwh: this.settings.offerPriceEurPerMwh.toFixed(),
        priceAssumed: 'ASSUMED: configured UFTP_OFFER_PRICE_EUR_PER_MWH, no public DSO flex price',
        notes: flexibility.notes ?? [],
        portfolios: (flexibility.portfolios ?? []).map((p) => ({ portfolioId: p.portfolioId, planRunId: p.planRunId, method: p.method, downKw: Array.from(p.downKw), upKw: Array.from(p.upKw) })),
        reservations: held,
      },
      knownAt: now,
      dsoResult: null,
      dsoRejectionReason: null,
      orderedAt: null,
    });
    await manager.save(offer);
    if (held.length > 0) {
      await enqueueInTransaction(manager, {
        name: JobName.ExpireUftpOffer,
        payload: { schemaVersion: 1, correlationId: message.conversationId, idempotencyKey: buildIdempotencyKey('uftp-offer-expiry', offerId), offerId },
        // A second after the expiry: the job checks the offer has expired (and retries while it has not).
        delayMs: Math.max(0, expiresAt.getTime() - now.getTime()) + 1_000,
      });
    }
    if (channel === 'xml') await this.outbound.enqueue(manager, participant, offerMessage, now);
    return { result: 'Accepted', alreadySubmitted: false, flexRequestId: request.id, offers: [offer] };
  }

  /**
   * The offer's options from the flexibility behind the point, and the ledger holding their kW.
   * Another market may take the kW between reading the ledger and holding them: then the
   * flexibility is read once more; refused again (or nothing left) = no offer.
   */
  private async offerAndHold(
    offerId: string,
    message: FlexRequestMessage,
    checked: CheckedFlexRequest,
    now: Date,
  ): Promise<{ flexibility: CongestionFlexibility; options: FlexOfferOption[]; held: HeldOfferReservation[] } | null> {
    for (let attempt = 1; ; attempt += 1) {
      // The DSO may order every Requested ISP of the offer at once: the flexibility must hold in all together.
      const flexibility = await this.flexibility.flexibilityAt(message.congestionPoint, message.period, now, checked.requested.map((isp) => isp.ispNumber));
      const options = buildOfferOptions(checked, flexibility, this.settings.offerPriceEurPerMwh);
      if (options.length === 0) return null;
      if (!flexibility.portfolios || flexibility.portfolios.length === 0) return { flexibility, options, held: [] };
      try {
        return { flexibility, options, held: await this.reservations.hold(offerId, checked.day, options, flexibility.portfolios, now) };
      } catch (error) {
        if (!(error instanceof LedgerError) || attempt >= 2) {
          if (error instanceof LedgerError) return null;
          throw error;
        }
      }
    }
  }

  private async flexOrder(manager: EntityManager, participant: UftpParticipantEntity, message: FlexOrderMessage, channel: UftpChannel, now: Date): Promise<ReceiveOutcome> {
    const offer = await manager.findOne(UftpFlexOfferEntity, {
      where: { participantId: participant.id, messageId: message.flexOfferMessageId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!offer) throw new UftpRejection(`Unknown FlexOfferMessageID reference: ${message.flexOfferMessageId}`);
    const { optionReference } = checkFlexOrder(message, { message: offer.message, expiresAt: offer.expiresAt, ordered: offer.orderedAt !== null }, now);
    const offeredPrice = offer.message.options.find((option) => option.optionReference === optionReference)?.price ?? '0';
    const price = new Decimal(message.price);
    if (price.lessThan(new Decimal(offeredPrice).times(message.activationFactor))) {
      throw new UftpRejection(`Invalid Message: Price ${message.price} is below the offered ${offeredPrice} x ActivationFactor`);
    }
    const order = manager.create(UftpFlexOrderEntity, {
      id: randomUUID(),
      participantId: participant.id,
      flexOfferId: offer.id,
      messageId: message.messageId,
      conversationId: message.conversationId,
      orderReference: message.orderReference,
      optionReference,
      activationFactor: new Decimal(message.activationFactor),
      price,
      currency: message.currency,
      channel,
      message,
      receivedAt: now,
    });
    await manager.save(order);
    await manager.update(UftpFlexOfferEntity, { id: offer.id }, { orderedAt: now });
    if (channel === 'xml') await this.respond(manager, participant, message, 'FlexOrderResponse', undefined, now);
    return { result: 'Accepted', alreadySubmitted: false, offers: [], order };
  }

  /** The DSO's answer to one of ours; only FlexOfferResponse changes anything (the offer's status). */
  private async response(manager: EntityManager, participant: UftpParticipantEntity, message: UftpResponseMessage, effects: LedgerEffects): Promise<ReceiveOutcome> {
    if (message.type === 'FlexOfferResponse') {
      const offer = await manager.findOne(UftpFlexOfferEntity, { where: { participantId: participant.id, messageId: message.referenceMessageId } });
      if (!offer) throw new UftpRejection(`Unknown FlexOfferMessageID reference: ${message.referenceMessageId}`);
      await manager.update(UftpFlexOfferEntity, { id: offer.id }, { dsoResult: message.result, dsoRejectionReason: message.rejectionReason ?? null });
      // A rejected offer will not be ordered: its kW go back to the ledger once this is stored.
      if (message.result === 'Rejected' && offer.orderedAt === null) effects.releaseAfterCommit.push(offer.id);
    }
    return { result: 'Accepted', alreadySubmitted: false, offers: [] };
  }

  private async respond(
    manager: EntityManager,
    participant: UftpParticipantEntity,
    message: InboundUftpMessage,
    type: UftpResponseType,
    rejectionReason: string | undefined,
    now: Date,
  ): Promise<void> {
    const response: UftpResponseMessage = {
      type,
      ...this.outbound.metadata(participant, message.conversationId, now),
      result: rejectionReason === undefined ? 'Accepted' : 'Rejected',
      rejectionReason,
      referenceMessageId: message.messageId,
    };
    await this.outbound.enqueue(manager, participant, response, now);
  }
}
