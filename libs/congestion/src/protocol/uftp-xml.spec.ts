import type { FlexOfferMessage, FlexOrderMessage, FlexRequestMessage, UftpResponseMessage } from '../domain/uftp-messages';
import { uftpSchemaProblems } from './uftp-schema-validator';
import { buildSignedMessageXml, buildUftpXml, parseSignedMessageXml, parseUftpXml, UftpXmlError } from './uftp-xml';

const META = {
  version: '3.0.0',
  senderDomain: 'agr.vpp.example',
  recipientDomain: 'dso.grid.example',
  timeStamp: '2026-06-01T10:00:00.000Z',
  messageId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f001',
  conversationId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f002',
};
const FLEX = { ...META, ispDuration: 'PT15M', timeZone: 'Europe/Amsterdam', period: '2026-06-02', congestionPoint: 'ean.871685900012636543' };

const offer: FlexOfferMessage = {
  type: 'FlexOffer',
  ...FLEX,
  expirationDateTime: '2026-06-01T11:00:00.000Z',
  flexRequestMessageId: '5f0c2d41-8d7e-4a25-9d5b-0c4cbbd0f003',
  currency: 'EUR',
  options: [{ optionReference: 'max', price: '4.5000', minActivationFactor: '1.00', isps: [{ start: 41, duration: 1, power: -30_000 }] }],
};
const request: FlexRequestMessage = {
  type: 'FlexRequest',
  ...FLEX,
  senderDomain: 'dso.grid.example',
  recipientDomain: 'agr.vpp.example',
  revision: 3,
  expirationDateTime: '2026-06-01T20:00:00.000Z',
  isps: [{ start: 1, duration: 4, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 }],
};
const order: FlexOrderMessage = {
  type: 'FlexOrder',
  ...FLEX,
  flexOfferMessageId: offer.messageId,
  price: '4.5000',
  currency: 'EUR',
  orderReference: 'ORD-1',
  optionReference: 'max',
  activationFactor: '1.00',
  isps: [{ start: 41, duration: 1, power: -30_000 }],
};
const response: UftpResponseMessage = { type: 'FlexRequestResponse', ...META, result: 'Rejected', rejectionReason: 'ISP conflict: "ISP" 3 & <4>', referenceMessageId: request.messageId };

describe('UFTP XML', () => {
  it.each([offer, request, order, response])('builds a schema-valid $type and parses it back unchanged', async (message) => {
    const xml = buildUftpXml(message);
    expect(await uftpSchemaProblems(xml)).toEqual([]);
    expect(parseUftpXml(xml)).toEqual(JSON.parse(JSON.stringify(message)));
  });

  it('builds and parses the SignedMessage wrapper with a base64 body', async () => {
    const xml = buildSignedMessageXml({ senderDomain: 'agr.vpp.example', senderRole: 'AGR', body: Buffer.from([0, 1, 254, 255]) });
    expect(await uftpSchemaProblems(xml)).toEqual([]);
    expect(parseSignedMessageXml(xml)).toEqual({ senderDomain: 'agr.vpp.example', senderRole: 'AGR', body: Buffer.from([0, 1, 254, 255]) });
  });

  it('finds schema problems: a missing required attribute, a price with 5 decimals, an unknown message', async () => {
    expect(await uftpSchemaProblems(buildUftpXml(request).replace(' Revision="3"', ''))).not.toEqual([]);
    expect(await uftpSchemaProblems(buildUftpXml(offer).replace('Price="4.5000"', 'Price="4.50001"'))).not.toEqual([]);
    expect(await uftpSchemaProblems('<?xml version="1.0"?><D-Prognosis/>')).not.toEqual([]);
  });

  it('refuses XML that is not well formed', () => {
    expect(() => parseSignedMessageXml('<SignedMessage')).toThrow(UftpXmlError);
  });
});
