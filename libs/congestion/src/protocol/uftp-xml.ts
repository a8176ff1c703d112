import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { UftpRejection } from '../domain/congestion.errors';
import {
  FlexOfferMessage,
  FlexOrderMessage,
  FlexRequestMessage,
  REFERENCE_ATTRIBUTE,
  UftpMessage,
  UftpMetadata,
  UftpResponseMessage,
  UftpResponseType,
} from '../domain/uftp-messages';
import type { UftpRole } from '../domain/uftp-vocabulary';

type Attributes = Record<string, string>;
interface XmlNode {
  [key: string]: string | XmlNode | XmlNode[] | undefined;
}

const PREFIX = '@_';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: PREFIX,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'ISP' || name === 'OfferOption',
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: PREFIX, suppressEmptyNode: true });

/** A parse or shape problem before the message could be trusted: HTTP 400 territory. */
export class UftpXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UftpXmlError';
  }
}

export interface SignedMessage {
  readonly senderDomain: string;
  readonly senderRole: UftpRole;
  /** The sealed inner message (signature || XML), decoded from base64. */
  readonly body: Buffer;
}

function withPrefix(attributes: Record<string, string | number | undefined>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[PREFIX + key] = String(value);
  return out;
}

function toXml(root: string, content: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content }) as string}`;
}

export function buildSignedMessageXml(message: SignedMessage): string {
  return toXml('SignedMessage', withPrefix({ SenderDomain: message.senderDomain, SenderRole: message.senderRole, Body: message.body.toString('base64') }));
}

function metadataAttributes(message: UftpMetadata): Record<string, string> {
  return {
    Version: message.version,
    SenderDomain: message.senderDomain,
    RecipientDomain: message.recipientDomain,
    TimeStamp: message.timeStamp,
    MessageID: message.messageId,
    ConversationID: message.conversationId,
  };
}

function flexAttributes(message: FlexRequestMessage | FlexOfferMessage | FlexOrderMessage): Record<string, string> {
  return { ...metadataAttributes(message), 'ISP-Duration': message.ispDuration, TimeZone: message.timeZone, Period: message.period, CongestionPoint: message.congestionPoint };
}

/** The inner XML of a message, attributes as UFTP-agr-dso.xsd names them. */
export function buildUftpXml(message: UftpMessage): string {
  switch (message.type) {
    case 'FlexRequest':
      return toXml('FlexRequest', {
        ...withPrefix({ ...flexAttributes(message), Revision: message.revision, ExpirationDateTime: message.expirationDateTime, ContractID: message.contractId, ServiceType: message.serviceType }),
        ISP: message.isps.map((isp) => withPrefix({ Disposition: isp.disposition, MinPower: isp.minPower, MaxPower: isp.maxPower, Start: isp.start, Duration: isp.duration })),
      });
    case 'FlexOffer':
      return toXml('FlexOffer', {
        ...withPrefix({
          ...flexAttributes(message),
          ExpirationDateTime: message.expirationDateTime,
          FlexRequestMessageID: message.flexRequestMessageId,
          ContractID: message.contractId,
          BaselineReference: message.baselineReference,
          Currency: message.currency,
        }),
        OfferOption: message.options.map((option) => ({
          ...withPrefix({ OptionReference: option.optionReference, Price: option.price, MinActivationFactor: option.minActivationFactor }),
          ISP: option.isps.map((isp) => withPrefix({ Power: isp.power, Start: isp.start, Duration: isp.duration })),
        })),
      });
    case 'FlexOrder':
      return toXml('FlexOrder', {
        ...withPrefix({
          ...flexAttributes(message),
          FlexOfferMessageID: message.flexOfferMessageId,
          ContractID: message.contractId,
          BaselineReference: message.baselineReference,
          Price: message.price,
          Currency: message.currency,
          OrderReference: message.orderReference,
          OptionReference: message.optionReference,
          ActivationFactor: message.activationFactor,
        }),
        ISP: message.isps.map((isp) => withPrefix({ Power: isp.power, Start: isp.start, Duration: isp.duration })),
      });
    default:
      return toXml(
        message.type,
        withPrefix({ ...metadataAttributes(message), Result: message.result, RejectionReason: message.rejectionReason, [REFERENCE_ATTRIBUTE[message.type]]: message.referenceMessageId }),
      );
  }
}

function parseDocument(xml: string): XmlNode {
  try {
    return parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new UftpXmlError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function rootOf(document: XmlNode): { name: string; node: XmlNode } {
  const names = Object.keys(document).filter((key) => key !== '?xml');
  const node = names.length === 1 ? document[names[0]] : undefined;
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw new UftpXmlError('expected exactly one root element');
  return { name: names[0], node };
}

function text(node: XmlNode, name: string): string {
  const value = node[PREFIX + name];
  if (typeof value !== 'string') throw new UftpXmlError(`attribute ${name} is missing`);
  return value;
}

function optionalText(node: XmlNode, name: string): string | undefined {
  const value = node[PREFIX + name];
  return typeof value === 'string' ? value : undefined;
}

function integer(node: XmlNode, name: string, fallback?: number): number {
  const value = optionalText(node, name);
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined || !/^[+-]?[0-9]{1,15}$/.test(value.trim())) throw new UftpXmlError(`attribute ${name} is not an integer`);
  return Number.parseInt(value.trim(), 10);
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

function metadataOf(node: XmlNode): UftpMetadata {
  return {
    version: text(node, 'Version'),
    senderDomain: text(node, 'SenderDomain'),
    recipientDomain: text(node, 'RecipientDomain'),
    timeStamp: text(node, 'TimeStamp'),
    messageId: text(node, 'MessageID'),
    conversationId: text(node, 'ConversationID'),
  };
}

function flexMetadataOf(node: XmlNode) {
  return { ...metadataOf(node), ispDuration: text(node, 'ISP-Duration'), timeZone: text(node, 'TimeZone'), period: text(node, 'Period'), congestionPoint: text(node, 'CongestionPoint') };
}

function powerIsps(node: XmlNode) {
  return children(node, 'ISP').map((isp) => ({ power: integer(isp, 'Power'), start: integer(isp, 'Start'), duration: integer(isp, 'Duration', 1) }));
}

export function parseSignedMessageXml(xml: string): SignedMessage {
  const { name, node } = rootOf(parseDocument(xml));
  if (name !== 'SignedMessage') throw new UftpXmlError(`expected SignedMessage, got ${name}`);
  const role = text(node, 'SenderRole');
  if (role !== 'AGR' && role !== 'DSO' && role !== 'CRO') throw new UftpXmlError(`SenderRole ${role} is not AGR, CRO or DSO`);
  return { senderDomain: text(node, 'SenderDomain'), senderRole: role, body: Buffer.from(text(node, 'Body'), 'base64') };
}

/** The typed message of an inner XML document (already schema-valid, so shapes are mostly safe). */
export function parseUftpXml(xml: string): UftpMessage {
  const { name, node } = rootOf(parseDocument(xml));
  switch (name) {
    case 'FlexRequest':
      return {
        type: 'FlexRequest',
        ...flexMetadataOf(node),
        revision: integer(node, 'Revision'),
        expirationDateTime: text(node, 'ExpirationDateTime'),
        contractId: optionalText(node, 'ContractID'),
        serviceType: optionalText(node, 'ServiceType'),
        isps: children(node, 'ISP').map((isp) => ({
          disposition: optionalText(isp, 'Disposition') === 'Available' ? 'Available' : 'Requested',
          minPower: integer(isp, 'MinPower'),
          maxPower: integer(isp, 'MaxPower'),
          start: integer(isp, 'Start'),
          duration: integer(isp, 'Duration', 1),
        })),
      };
    case 'FlexOffer':
      return {
        type: 'FlexOffer',
        ...flexMetadataOf(node),
        expirationDateTime: text(node, 'ExpirationDateTime'),
        flexRequestMessageId: optionalText(node, 'FlexRequestMessageID'),
        contractId: optionalText(node, 'ContractID'),
        baselineReference: optionalText(node, 'BaselineReference'),
        currency: text(node, 'Currency'),
        options: children(node, 'OfferOption').map((option) => ({
          optionReference: text(option, 'OptionReference'),
          price: text(option, 'Price'),
          minActivationFactor: optionalText(option, 'MinActivationFactor') ?? '1.00',
          isps: powerIsps(option),
        })),
      };
    case 'FlexOrder':
      return {
        type: 'FlexOrder',
        ...flexMetadataOf(node),
        flexOfferMessageId: text(node, 'FlexOfferMessageID'),
        contractId: optionalText(node, 'ContractID'),
        baselineReference: optionalText(node, 'BaselineReference'),
        price: text(node, 'Price'),
        currency: text(node, 'Currency'),
        orderReference: text(node, 'OrderReference'),
        optionReference: optionalText(node, 'OptionReference'),
        activationFactor: optionalText(node, 'ActivationFactor') ?? '1.00',
        isps: powerIsps(node),
      };
    case 'FlexRequestResponse':
    case 'FlexOfferResponse':
    case 'FlexOrderResponse': {
      const type: UftpResponseType = name;
      const result = text(node, 'Result');
      if (result !== 'Accepted' && result !== 'Rejected') throw new UftpXmlError(`Result ${result} is not Accepted or Rejected`);
      const response: UftpResponseMessage = {
        type,
        ...metadataOf(node),
        result,
        rejectionReason: optionalText(node, 'RejectionReason'),
        referenceMessageId: text(node, REFERENCE_ATTRIBUTE[type]),
      };
      return response;
    }
    default:
      throw new UftpRejection(`Invalid Message: message type ${name} is not supported`);
  }
}
