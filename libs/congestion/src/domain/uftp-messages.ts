import type { IspDisposition, UftpResult } from './uftp-vocabulary';

/**
 * UFTP 3.0 messages as plain data, with the spec's attribute names in camelCase (UFTP-agr-dso.xsd).
 * Power is in whole watts, positive = towards the prosumer (consumption), negative = towards the
 * grid (MARKETS.md section 5, power.md). Prices are decimal strings with at most 4 fraction digits.
 */
export interface UftpMetadata {
  readonly version: string;
  readonly senderDomain: string;
  readonly recipientDomain: string;
  /** ISO 8601 with offset. */
  readonly timeStamp: string;
  readonly messageId: string;
  readonly conversationId: string;
}

/** Metadata of every Flex message: one day (`period`) at one congestion point. */
export interface FlexMetadata extends UftpMetadata {
  readonly ispDuration: string;
  readonly timeZone: string;
  /** `yyyy-mm-dd`, a delivery day in `timeZone`. */
  readonly period: string;
  readonly congestionPoint: string;
}

/** ISPs `start .. start + duration - 1`, numbered from 1 in the day. */
export interface IspRange {
  readonly start: number;
  readonly duration: number;
}

export interface FlexRequestIsp extends IspRange {
  readonly disposition: IspDisposition;
  readonly minPower: number;
  readonly maxPower: number;
}

export interface PowerIsp extends IspRange {
  readonly power: number;
}

export interface FlexRequestMessage extends FlexMetadata {
  readonly type: 'FlexRequest';
  readonly revision: number;
  readonly expirationDateTime: string;
  readonly contractId?: string;
  readonly serviceType?: string;
  readonly isps: readonly FlexRequestIsp[];
}

export interface FlexOfferOption {
  readonly optionReference: string;
  readonly price: string;
  readonly minActivationFactor: string;
  readonly isps: readonly PowerIsp[];
}

export interface FlexOfferMessage extends FlexMetadata {
  readonly type: 'FlexOffer';
  readonly expirationDateTime: string;
  readonly flexRequestMessageId?: string;
  readonly contractId?: string;
  readonly baselineReference?: string;
  readonly currency: string;
  readonly options: readonly FlexOfferOption[];
}

export interface FlexOrderMessage extends FlexMetadata {
  readonly type: 'FlexOrder';
  readonly flexOfferMessageId: string;
  readonly contractId?: string;
  readonly baselineReference?: string;
  readonly price: string;
  readonly currency: string;
  readonly orderReference: string;
  readonly optionReference?: string;
  readonly activationFactor: string;
  readonly isps: readonly PowerIsp[];
}

export type UftpResponseType = 'FlexRequestResponse' | 'FlexOfferResponse' | 'FlexOrderResponse';

/** The asynchronous answer to a message: Accepted, or Rejected with a human-readable reason. */
export interface UftpResponseMessage extends UftpMetadata {
  readonly type: UftpResponseType;
  readonly result: UftpResult;
  readonly rejectionReason?: string;
  /** FlexRequestMessageID / FlexOfferMessageID / FlexOrderMessageID: the message answered. */
  readonly referenceMessageId: string;
}

/** What our endpoint accepts from a DSO. */
export type InboundUftpMessage = FlexRequestMessage | FlexOrderMessage | UftpResponseMessage;
/** What we send to a DSO. */
export type OutboundUftpMessage = FlexOfferMessage | UftpResponseMessage;
export type UftpMessage = InboundUftpMessage | OutboundUftpMessage;

/** The attribute naming the answered message, per response type (UFTP-agr-dso.xsd). */
export const REFERENCE_ATTRIBUTE: Readonly<Record<UftpResponseType, string>> = {
  FlexRequestResponse: 'FlexRequestMessageID',
  FlexOfferResponse: 'FlexOfferMessageID',
  FlexOrderResponse: 'FlexOrderMessageID',
};
