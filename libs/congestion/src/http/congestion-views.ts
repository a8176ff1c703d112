import type { UftpCongestionPointEntity } from '../infrastructure/uftp-congestion-point.entity';
import type { UftpFlexOfferEntity } from '../infrastructure/uftp-flex-offer.entity';
import type { UftpFlexOrderEntity } from '../infrastructure/uftp-flex-order.entity';
import type { UftpFlexSettlementEntity } from '../infrastructure/uftp-flex-settlement.entity';
import type { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';

export function participantView(participant: UftpParticipantEntity) {
  return {
    id: participant.id,
    organisationId: participant.organisationId,
    domain: participant.domain,
    role: participant.role,
    publicKey: participant.publicKey,
    endpointUrl: participant.endpointUrl,
    createdAt: participant.createdAt.toISOString(),
  };
}

export function congestionPointView(point: UftpCongestionPointEntity) {
  return { id: point.id, entityAddress: point.entityAddress, congestionArea: point.congestionArea, createdAt: point.createdAt.toISOString() };
}

/** The FlexOffer as sent over UFTP, plus its state and the note that its price is assumed. */
export function offerView(offer: UftpFlexOfferEntity) {
  return {
    id: offer.id,
    ...offer.message,
    ordered: offer.orderedAt !== null,
    dsoResult: offer.dsoResult,
    flexibilityMethod: offer.inputs.flexibilityMethod,
    priceNote: offer.inputs.priceAssumed,
  };
}

export function orderView(order: UftpFlexOrderEntity) {
  return {
    id: order.id,
    messageId: order.messageId,
    conversationId: order.conversationId,
    flexOfferId: order.flexOfferId,
    orderReference: order.orderReference,
    optionReference: order.optionReference,
    activationFactor: order.activationFactor.toFixed(2),
    price: order.price.toFixed(4),
    currency: order.currency,
    isps: order.message.isps,
  };
}

export function settlementView(settlement: UftpFlexSettlementEntity) {
  return {
    flexOrderId: settlement.flexOrderId,
    period: settlement.period,
    currency: settlement.currency,
    price: settlement.price.toFixed(4),
    penalty: settlement.penalty.toFixed(4),
    netSettlement: settlement.netSettlement.toFixed(4),
    isps: settlement.isps,
    knownAt: settlement.knownAt.toISOString(),
  };
}
