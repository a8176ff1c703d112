import { Decimal } from '@vpp/units';
import { UftpRejection } from './congestion.errors';
import { checkFlexMetadata } from './flex-request-rules';
import { expandIspRanges } from './isp-schedule';
import type { FlexOfferMessage, FlexOrderMessage } from './uftp-messages';

/** The offer an order refers to, as we stored it. */
export interface OfferOnRecord {
  readonly message: FlexOfferMessage;
  readonly expiresAt: Date;
  readonly ordered: boolean;
}

/**
 * The checks of a FlexOrder against the FlexOffer it names (message-validation.md): same Period
 * and CongestionPoint, offer not expired nor ordered already, the option exists, the activation
 * factor within [MinActivationFactor, 1], the currency the offer's, and every ordered ISP inside
 * the option with the same sign and no more power than offered (x the activation factor).
 *
 * @throws UftpRejection with the protocol's RejectionReason.
 */
export function checkFlexOrder(order: FlexOrderMessage, offer: OfferOnRecord, now: Date): { optionReference: string } {
  const day = checkFlexMetadata(order);
  if (order.period !== offer.message.period) throw new UftpRejection(`Reference Period mismatch: the FlexOffer is for ${offer.message.period}`);
  if (order.congestionPoint !== offer.message.congestionPoint) throw new UftpRejection('Invalid CongestionPoint: the FlexOffer is for another congestion point');
  if (offer.expiresAt.getTime() <= now.getTime()) throw new UftpRejection('Reference message expired: the FlexOffer has expired');
  if (offer.ordered) throw new UftpRejection('Invalid Message: the FlexOffer was already ordered');
  if (order.currency !== offer.message.currency) throw new UftpRejection(`Invalid Message: Currency ${order.currency}, the offer is in ${offer.message.currency}`);
  const optionReference = order.optionReference ?? (offer.message.options.length === 1 ? offer.message.options[0].optionReference : undefined);
  const option = offer.message.options.find((candidate) => candidate.optionReference === optionReference);
  if (!option) throw new UftpRejection(`Invalid Message: unknown OptionReference ${JSON.stringify(order.optionReference ?? null)}`);
  let factor: Decimal;
  try {
    factor = new Decimal(order.activationFactor);
  } catch {
    throw new UftpRejection('Invalid Message: ActivationFactor is not a decimal');
  }
  if (factor.lessThan(option.minActivationFactor) || factor.greaterThan(1)) {
    throw new UftpRejection(`Invalid Message: ActivationFactor ${order.activationFactor} outside ${option.minActivationFactor}..1.00`);
  }
  const offered = new Map(expandIspRanges(option.isps, day).map(({ ispNumber, item }) => [ispNumber, item.power]));
  for (const { ispNumber, item } of expandIspRanges(order.isps, day)) {
    const power = offered.get(ispNumber);
    if (power === undefined) throw new UftpRejection(`Invalid Message: ISP ${ispNumber} was not offered in option ${option.optionReference}`);
    const limit = factor.times(Math.abs(power));
    if (Math.sign(item.power) !== Math.sign(power) || limit.lessThan(Math.abs(item.power))) {
      throw new UftpRejection(`Invalid Message: ISP ${ispNumber} orders ${item.power} W, the option offers ${power} W at factor ${order.activationFactor}`);
    }
  }
  return { optionReference: option.optionReference };
}
