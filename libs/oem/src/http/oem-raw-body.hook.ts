import { Readable } from 'node:stream';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, FastifyInstance, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@vpp/config';

export const OEM_WEBHOOK_PATH_PREFIX = '/oem/webhooks/';

const RAW_BODY = Symbol('oem-raw-body');

type WithRawBody = FastifyRequest & { [RAW_BODY]?: string };

/** The exact bytes the OEM signed, captured for webhook routes only (the parsed JSON re-serialises differently). */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return (request as WithRawBody)[RAW_BODY];
}

/**
 * Tees the body of `/oem/webhooks/*` requests before Fastify's JSON parser sees it. Other routes
 * are untouched. The configured body limit applies while buffering.
 */
@Injectable()
export class OemRawBodyHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as { getInstance?: () => unknown } | undefined;
    const fastify = adapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (!request.url.startsWith(OEM_WEBHOOK_PATH_PREFIX)) return payload;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += buffer.length;
        // Same limit and error as Fastify's own parser, so the answer is the usual 413 problem.
        if (size > this.config.http.bodyLimitBytes) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
        chunks.push(buffer);
      }
      const raw = Buffer.concat(chunks);
      (request as WithRawBody)[RAW_BODY] = raw.toString('utf8');
      return Readable.from([raw]);
    });
  }
}
