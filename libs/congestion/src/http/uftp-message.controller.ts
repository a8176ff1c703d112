import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@vpp/access';
import { ReceiveSignedMessageUseCase, UftpTransportError } from '../application/receive-signed-message.use-case';
import { UFTP_MESSAGE_PATH } from '../domain/uftp-vocabulary';

/**
 * The UFTP 3.x message endpoint: a SignedMessage as text/xml. Authentication is the signature
 * (the sender's registered cs1 key), not our API credentials. 200 means "received"; the verdict
 * (Accepted/Rejected) comes later as a signed response message to the DSO's endpoint.
 */
@ApiExcludeController()
@Public()
@Controller()
export class UftpMessageController {
  constructor(private readonly receive: ReceiveSignedMessageUseCase) {}

  @Post(UFTP_MESSAGE_PATH.slice(1))
  @HttpCode(200)
  async message(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (typeof request.body !== 'string') {
      await reply.status(400).type('text/plain; charset=utf-8').send('send the SignedMessage as text/xml (UTF-8)');
      return;
    }
    try {
      await this.receive.execute(request.body);
      await reply.status(200).send();
    } catch (error) {
      if (!(error instanceof UftpTransportError)) throw error;
      await reply.status(error.status).type('text/plain; charset=utf-8').send(error.message);
    }
  }
}
