/**
 * Fixed words of UFTP (Shapeshifter) 3.0 as we speak it (MARKETS.md section 5). The ISP length and
 * time zone are market-wide values that every Flex message repeats so a receiver can reject an
 * errant one ("ISP duration rejected", "TimeZone rejected").
 */
export const UFTP_VERSION = '3.0.0';
export const UFTP_ISP_DURATION = 'PT15M';
export const UFTP_TIME_ZONE = 'Europe/Amsterdam';
/** The URL path of the message endpoint; the major version is part of it (message-transport-mechanism.md). */
export const UFTP_MESSAGE_PATH = '/shapeshifter/api/v3/message';

export const UFTP_ROLES = ['AGR', 'CRO', 'DSO'] as const;
export type UftpRole = (typeof UFTP_ROLES)[number];

export type UftpResult = 'Accepted' | 'Rejected';

/** Requested: the DSO needs flex in this ISP; Available: grid capacity the DSO tells us is free. */
export type IspDisposition = 'Available' | 'Requested';

/** The message types this implementation sends or receives. */
export const UFTP_MESSAGE_TYPES = [
  'FlexRequest',
  'FlexRequestResponse',
  'FlexOffer',
  'FlexOfferResponse',
  'FlexOrder',
  'FlexOrderResponse',
  'FlexSettlement',
  'FlexSettlementResponse',
] as const;
export type UftpMessageType = (typeof UFTP_MESSAGE_TYPES)[number];
