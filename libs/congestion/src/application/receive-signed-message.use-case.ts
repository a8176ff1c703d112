import { Injectable } from '@nestjs/common';
import { parseCs1PublicKey } from '../domain/cs1-key';
import { openSealedMessage } from '../domain/sealed-message';
import type { InboundUftpMessage } from '../domain/uftp-messages';
import { uftpSchemaProblems } from '../protocol/uftp-schema-validator';
import { parseSignedMessageXml, parseUftpXml, UftpXmlError } from '../protocol/uftp-xml';
import { Participants } from './participants';
import { ReceiveOutcome, ReceiveUftpMessageUseCase } from './receive-uftp-message.use-case';

/**
 * A transport-level refusal (message-transport-mechanism.md "Error handling"): until the message
 * is known to be valid, signed UFTP XML, errors are HTTP statuses and no UFTP response is sent.
 */
export class UftpTransportError extends Error {
  constructor(
    readonly status: 400 | 401 | 419,
    message: string,
  ) {
    super(message);
    this.name = 'UftpTransportError';
  }
}

function isInbound(message: ReturnType<typeof parseUftpXml>): message is InboundUftpMessage {
  return message.type !== 'FlexOffer';
}

/**
 * POST /shapeshifter/api/v3/message: schema-check the SignedMessage (400), find the sender's
 * registered key (419 when there is none: the key lookup failed), unseal it (401 on a bad
 * signature), schema-check the inner message (400), then hand it to the message use case, whose
 * verdict travels back asynchronously.
 */
@Injectable()
export class ReceiveSignedMessageUseCase {
  constructor(
    private readonly participants: Participants,
    private readonly receive: ReceiveUftpMessageUseCase,
  ) {}

  async execute(xml: string): Promise<ReceiveOutcome> {
    const outerProblems = await uftpSchemaProblems(xml);
    if (outerProblems.length > 0) throw new UftpTransportError(400, `not a valid SignedMessage: ${outerProblems.join('; ')}`);
    const signed = this.parse(() => parseSignedMessageXml(xml));
    const participant = await this.participants.findByDomain(signed.senderDomain, signed.senderRole);
    if (!participant || participant.role !== signed.senderRole) {
      throw new UftpTransportError(419, `no public key registered for ${signed.senderRole} ${signed.senderDomain}`);
    }
    const opened = openSealedMessage(signed.body, parseCs1PublicKey(participant.publicKey).signingKey);
    if (!opened) throw new UftpTransportError(401, 'the signature does not verify with the sender\'s registered key');
    const inner = opened.toString('utf8');
    const innerProblems = await uftpSchemaProblems(inner);
    if (innerProblems.length > 0) throw new UftpTransportError(400, `the unsealed message is not valid UFTP XML: ${innerProblems.join('; ')}`);
    const message = this.parse(() => parseUftpXml(inner));
    if (!isInbound(message)) throw new UftpTransportError(400, `${message.type} is not a message an AGR receives`);
    return this.receive.execute(participant, message, 'xml');
  }

  private parse<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof UftpXmlError) throw new UftpTransportError(400, error.message);
      throw error;
    }
  }
}
