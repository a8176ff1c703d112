import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@vpp/access';
import { IngestOemWebhookUseCase, WebhookOutcome } from '../application/ingest-oem-webhook.use-case';
import { OemError } from '../domain/oem.errors';
import { rawBodyOf } from './oem-raw-body.hook';

/**
 * Pushes from OEM clouds (connector app). Public to our auth guard: the OEM authenticates with the
 * HMAC signature over time stamp and body instead of a key of ours.
 */
@ApiExcludeController()
@Controller('oem/webhooks')
export class OemWebhooksController {
  constructor(private readonly ingest: IngestOemWebhookUseCase) {}

  @Post(':oem')
  @Public()
  @HttpCode(200)
  async receive(
    @Param('oem') oem: string,
    @Req() request: FastifyRequest,
    @Headers('x-oem-signature') signature: string | undefined,
    @Headers('x-oem-timestamp') timestamp: string | undefined,
  ): Promise<{ outcome: WebhookOutcome }> {
    const rawBody = rawBodyOf(request);
    if (rawBody === undefined) throw new OemError('OEM_WEBHOOK_INVALID', 'webhook body missing');
    return { outcome: await this.ingest.execute(oem, { signatureHeader: signature, timestampHeader: timestamp, rawBody }) };
  }
}
