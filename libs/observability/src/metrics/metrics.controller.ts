import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { metricsRegistry } from './metrics.registry';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  /** Prometheus text format; never cached, since every scrape must see current values. */
  @Get()
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const text = await metricsRegistry.metrics();
    await reply.header('content-type', metricsRegistry.contentType).header('cache-control', 'no-store').send(text);
  }
}
